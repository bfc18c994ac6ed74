using NUnit.Framework;
using Puma.Features;
using TorchSharp;

namespace Puma.Core.Tests.Features;

public class FeatureCacheTests
{
    [Test]
    public void RoundTripKeepsFloat16ValuesLabelsAndNames()
    {
        string path = Path.Combine(Path.GetTempPath(), $"puma-features-{Guid.NewGuid():N}.safetensors");
        try
        {
            // 0.1 is not a float16 value: rounding must move it to 0.0999755859375 (the nearest float16) before saving.
            using var data = new FeatureDataset(torch.tensor(new float[] { 0.1f, 1f, -2.5f, 1000.3f }, [2, 2]), [0, 2], [0, 1], ["a", "b"], 3);
            FeatureCache.RoundToStoredPrecision(data);
            Assert.That(data.Features[0, 0].item<float>(), Is.EqualTo(0.0999755859375f));
            Assert.That(data.Features[1, 1].item<float>(), Is.EqualTo(1000.5f));
            FeatureCache.Save(data, path, "key-1");

            using var loaded = FeatureCache.TryLoad(path, "key-1");
            Assert.That(loaded, Is.Not.Null);
            Assert.That(loaded!.Features.to(torch.ScalarType.Float32).data<float>().ToArray(), Is.EqualTo(data.Features.data<float>().ToArray()));
            Assert.That(loaded.Labels, Is.EqualTo(new[] { 0, 2 }));
            Assert.That(loaded.DatasetIndices, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(loaded.DatasetNames, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(loaded.NumClasses, Is.EqualTo(3));
            Assert.That(FeatureCache.TryLoad(path, "key-2"), Is.Null, "a cache made for another key is not reused");
            Assert.That(FeatureCache.TryLoad(path + ".missing", "key-1"), Is.Null);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
