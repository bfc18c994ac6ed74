using System.Text;
using CsCheck;
using NUnit.Framework;
using Puma.Cli.OfflineBenchmark;
using Puma.Testing;

namespace Puma.Cli.Tests.OfflineBenchmark;

/// <summary>
/// Property: any manifest.json loads as a complete manifest (no missing field) or is refused with
/// <see cref="InvalidDataException"/>; <see cref="BenchmarkManifest.TryLoad"/> then says null, so the tree is rebuilt.
/// </summary>
public class BenchmarkManifestFuzzTests
{
    private string root = "";
    private string valid = "";

    [SetUp]
    public void CreateFolder()
    {
        root = Directory.CreateTempSubdirectory("puma-manifest-fuzz-").FullName;
        BenchmarkManifestTests.Sample().Save(root);
        valid = File.ReadAllText(Path.Combine(root, BenchmarkManifest.FileName));
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    private void LoadsCompleteOrRefuses(byte[] bytes)
    {
        string path = Path.Combine(root, BenchmarkManifest.FileName);
        File.WriteAllBytes(path, bytes);
        BenchmarkManifest? manifest = null;
        if (!Outcome.CompletesOrThrows(() => manifest = BenchmarkManifest.Load(path), Encoding.UTF8.GetString(bytes), typeof(InvalidDataException)))
        {
            Assert.That(BenchmarkManifest.TryLoad(root), Is.Null);
            return;
        }
        Assert.That(manifest!.Datasets, Is.Not.Empty);
        foreach (var dataset in manifest.Datasets)
        {
            Assert.That(dataset.Name, Is.Not.Null);
            Assert.That(dataset.Splits.Select(s => s.Name), Has.None.Null);
            Assert.That(dataset.Styles, Has.None.Null);
            Assert.That(dataset.Packages.Values, Has.None.Null);
            // The accessors used by the preparer and the demo work on whatever loaded.
            foreach (var split in dataset.Splits) Assert.That(manifest.Images(dataset.Name, split.Name), Is.GreaterThanOrEqualTo(0));
        }
    }

    /// <summary>JSON fragments that stress the binder: nulls, wrong types, huge numbers, duplicates, deep nesting.</summary>
    private static readonly string[] Fragments =
    [
        "null", "[]", "{}", "[null]", "\"x\"", "-1", "1e400", "18446744073709551616", "true", "[[[[[[[[[[]]]]]]]]]]",
        "{\"name\":null}", "{\"a\":1,\"a\":2}", "\"\\ud800\"", "0.5",
    ];

    [Test]
    public void FieldsReplacedByOtherJsonValues()
    {
        string[] keys = ["\"formatVersion\": 3", "\"seed\": 77", "\"name\": \"kanji\"", "\"styles\": [", "\"packages\": {", "\"droppedClasses\": 5",
            "\"classes\": 3", "\"images\": 40", "\"splits\": ["];
        Gen.Int[0, keys.Length - 1].SelectMany(k => Gen.Int[0, Fragments.Length - 1].Select(f => (k, f)))
            .Sample(edit =>
            {
                string key = keys[edit.k];
                int at = valid.IndexOf(key, StringComparison.Ordinal);
                Assert.That(at, Is.GreaterThanOrEqualTo(0), key);
                string name = key[..(key.IndexOf(':') + 1)];
                string rest = valid[(at + key.Length)..];
                string json = key.EndsWith('[') || key.EndsWith('{')
                    ? valid[..at] + name + " " + Fragments[edit.f] + rest[Closing(rest, key[^1])..]
                    : valid[..at] + name + " " + Fragments[edit.f] + rest;
                LoadsCompleteOrRefuses(Encoding.UTF8.GetBytes(json));
            }, iter: Outcome.Iterations, threads: 1, print: e => $"{keys[e.k]} → {Fragments[e.f]}");
    }

    /// <summary>Index just past the bracket that closes the one opened before <paramref name="text"/>.</summary>
    private static int Closing(string text, char open)
    {
        char close = open == '[' ? ']' : '}';
        int depth = 1;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == open) depth++;
            else if (text[i] == close && --depth == 0) return i + 1;
        }
        return text.Length;
    }

    [Test]
    public void BitFlipsAndTruncations()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(valid);
        Gen.Int[0, (bytes.Length * 8) - 1].Array[0, 4].SelectMany(bits => Gen.Int[0, bytes.Length].Select(length => (bits, length)))
            .Sample(m =>
            {
                byte[] copy = (byte[])bytes.Clone();
                foreach (int bit in m.bits) copy[bit / 8] ^= (byte)(1 << (bit % 8));
                LoadsCompleteOrRefuses(copy[..m.length]);
            }, iter: Outcome.Iterations, threads: 1, print: m => $"flip [{string.Join(",", m.bits)}], keep {m.length}");
    }

    [Test]
    public void RandomBytes() =>
        Gen.Byte.Array[0, 256].Sample(LoadsCompleteOrRefuses, iter: Outcome.Iterations, threads: 1, print: Outcome.Describe);
}
