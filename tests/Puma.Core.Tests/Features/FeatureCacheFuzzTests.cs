using CsCheck;
using NUnit.Framework;
using Puma.Features;
using Puma.Testing;
using TorchSharp;

namespace Puma.Core.Tests.Features;

/// <summary>
/// Property: a damaged feature-cache file loads as a valid dataset, is ignored (null: not a cache for this key), or is
/// refused with <see cref="InvalidDataException"/> — never another exception, and never a leaked tensor.
/// </summary>
public class FeatureCacheFuzzTests
{
    private string folder = "";
    private byte[] valid = [];

    [SetUp]
    public void CreateFile()
    {
        folder = Directory.CreateTempSubdirectory("puma-cache-fuzz-").FullName;
        string path = Path.Combine(folder, "valid.safetensors");
        using (var data = new FeatureDataset(torch.arange(12, dtype: torch.ScalarType.Float32).reshape(3, 4), [0, 1, 4], [0, 0, 1], ["a", "b"], 5))
            FeatureCache.Save(data, path, "key");
        valid = File.ReadAllBytes(path);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void BitFlipsAndTruncations() =>
        Gen.Int[0, (valid.Length * 8) - 1].Array[1, 6].SelectMany(bits => Gen.Int[1, valid.Length].Select(length => (bits, length)))
            .Sample(mutation =>
            {
                byte[] bytes = (byte[])valid.Clone();
                foreach (int bit in mutation.bits) bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                string path = Path.Combine(folder, "fuzz.safetensors");
                File.WriteAllBytes(path, bytes[..mutation.length]);
                long before = torch.Tensor.TotalCount;
                FeatureDataset? loaded = null;
                if (Outcome.CompletesOrThrows(() => loaded = FeatureCache.TryLoad(path, "key"), $"{mutation.length} bytes, bits {string.Join(",", mutation.bits)}",
                        typeof(InvalidDataException)) && loaded is not null)
                {
                    Assert.That(loaded.Count, Is.EqualTo(loaded.Features.shape[0]));
                    Assert.That(loaded.Labels, Has.All.InRange(0, loaded.NumClasses - 1));
                    loaded.Dispose();
                }
                Assert.That(torch.Tensor.TotalCount, Is.LessThanOrEqualTo(before), "no tensor left alive");
            }, iter: Outcome.Iterations, threads: 1, print: m => $"flip [{string.Join(",", m.bits)}], keep {m.length}");
}
