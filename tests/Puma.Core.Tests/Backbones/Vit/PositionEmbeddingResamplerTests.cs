using NUnit.Framework;
using Puma.Backbones.Vit;
using Puma.IO;
using Puma.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Backbones.Vit;

/// <summary>
/// BR-18 · Pos-embed resampling for other sizes, non-square grids and prompt prefix (reference-cases.md), and the
/// values of PyTorch 1.13's <c>F.interpolate(mode='bicubic', align_corners=False)</c> with and without antialias
/// (tests/Fixtures/vit-reference/resample.safetensors, scripts/vit_reference.py).
/// </summary>
public class PositionEmbeddingResamplerTests
{
    private const int D = 384;

    private static Tensor RandomPosEmbed(long rows, int seed)
    {
        torch.manual_seed(seed);
        return torch.randn(1, rows, D);
    }

    private static bool BitEqual(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Test, Description("BR-18 (a): 1 + 14·14 rows to grid 16×16 gives 257 rows; the CLS row is copied bit-exact")]
    public void BR18a_ViTS16At224To256Pixels()
    {
        using var scope = torch.NewDisposeScope();
        var pos = RandomPosEmbed(1 + 14 * 14, 1);
        var resized = PositionEmbeddingResampler.Resample(pos, (16, 16));
        Assert.That(resized.shape, Is.EqualTo(new long[] { 1, 257, D }));
        Assert.That(BitEqual(resized.narrow(1, 0, 1), pos.narrow(1, 0, 1)), Is.True, "CLS row bit-exact");
        Assert.That(resized.dtype, Is.EqualTo(ScalarType.Float32));
    }

    [Test, Description("BR-18 (b): to the same 14×14 grid returns identical values")]
    public void BR18b_SameGridIsUnchanged()
    {
        using var scope = torch.NewDisposeScope();
        var pos = RandomPosEmbed(1 + 14 * 14, 2);
        var same = PositionEmbeddingResampler.Resample(pos, (14, 14));
        Assert.That(BitEqual(same, pos), Is.True);
    }

    [Test, Description("BR-18 (c): prefix = 1 + 8 prompt rows, to 16×16: 265 rows, prefix bit-exact; prompt rows made from CLS equal it")]
    public void BR18c_PromptPrefixIsCopiedAndPromptRowsEqualCls()
    {
        using var scope = torch.NewDisposeScope();
        var checkpoint = RandomPosEmbed(1 + 14 * 14, 3);
        var withPrompts = PositionEmbeddingResampler.WithPromptRows(checkpoint, promptLength: 8);
        Assert.That(withPrompts.shape, Is.EqualTo(new long[] { 1, 1 + 8 + 196, D }));
        var resized = PositionEmbeddingResampler.Resample(withPrompts, (16, 16), prefixTokens: 9);
        Assert.That(resized.shape, Is.EqualTo(new long[] { 1, 265, D }));
        Assert.That(BitEqual(resized.narrow(1, 0, 9), withPrompts.narrow(1, 0, 9)), Is.True, "9 prefix rows bit-exact");
        var cls = checkpoint.narrow(1, 0, 1).expand(1, 8, D);
        Assert.That(BitEqual(resized.narrow(1, 1, 8), cls), Is.True, "the 8 prompt rows are the CLS row");
        var withoutPrompts = PositionEmbeddingResampler.Resample(checkpoint, (16, 16));
        Assert.That(BitEqual(resized.narrow(1, 9, 256), withoutPrompts.narrow(1, 1, 256)), Is.True, "grid rows as without prompts");

        var randomPrefix = RandomPosEmbed(1 + 8 + 196, 4);
        var resizedRandom = PositionEmbeddingResampler.Resample(randomPrefix, (16, 16), prefixTokens: 9);
        Assert.That(BitEqual(resizedRandom.narrow(1, 0, 9), randomPrefix.narrow(1, 0, 9)), Is.True, "any prefix is copied bit-exact");
    }

    [Test, Description("BR-18 (d): old grid 16×12 → 12×16 with the old size passed works and is not a no-op; without it, a clear exception")]
    public void BR18d_NonSquareGridNeedsTheOldSize()
    {
        using var scope = torch.NewDisposeScope();
        var pos = RandomPosEmbed(1 + 16 * 12, 5);
        var resized = PositionEmbeddingResampler.Resample(pos, (12, 16), oldGrid: (16, 12));
        Assert.That(resized.shape, Is.EqualTo(new long[] { 1, 193, D }));
        Assert.That(BitEqual(resized.narrow(1, 0, 1), pos.narrow(1, 0, 1)), Is.True, "CLS row bit-exact");
        double change = (resized - pos).abs().max().item<float>();
        Assert.That(change, Is.GreaterThan(0.1), "16×12 → 12×16 is a real resampling even though 16·12 = 12·16");

        var error = Assert.Throws<ArgumentException>(() => PositionEmbeddingResampler.Resample(pos, (12, 16)));
        Assert.That(error!.Message, Does.Contain("192 grid rows").And.Contain("not a square").And.Contain("old grid"));
        var wrong = Assert.Throws<ArgumentException>(() => PositionEmbeddingResampler.Resample(pos, (12, 16), oldGrid: (14, 14)));
        Assert.That(wrong!.Message, Does.Contain("14×14").And.Contain("192 grid rows"));
    }

    [Test, Description("BR-18 (e): a grid whose rows are all c stays c within 1e-6 at any size (bicubic, antialias)")]
    public void BR18e_ConstantGridStaysConstant([Values(true, false)] bool antialias)
    {
        using var scope = torch.NewDisposeScope();
        var c = RandomPosEmbed(1, 6);
        var pos = torch.cat([RandomPosEmbed(1, 7), c.expand(1, 196, D)], dim: 1);
        foreach (var grid in new[] { (16, 16), (7, 7), (3, 20), (1, 1), (28, 5) })
        {
            var resized = PositionEmbeddingResampler.Resample(pos, grid, antialias: antialias);
            double diff = (resized.narrow(1, 1, grid.Item1 * grid.Item2) - c).abs().max().item<float>();
            Assert.That(diff, Is.LessThanOrEqualTo(1e-6), $"grid {grid}");
        }
    }

    [TestCase("to6x6_aa", 6, 6, true)]
    [TestCase("to6x6_noaa", 6, 6, false)]
    [TestCase("to3x3_aa", 3, 3, true)]
    [TestCase("to3x3_noaa", 3, 3, false)]
    public void MatchesPyTorchBicubic(string name, int rows, int columns, bool antialias)
    {
        using var scope = torch.NewDisposeScope();
        var fixture = SafeTensorsReader.Read(Fixtures.VitReference("resample.safetensors"));
        var resized = PositionEmbeddingResampler.Resample(fixture["posemb"], (rows, columns), antialias: antialias);
        AssertWithin(resized, fixture[name], 1e-6, name);
        AssertWithin(resized, fixture[name + "_f64"], 2.5e-7, name + " vs PyTorch float64 (float32 rounding only)");
        var inDouble = PositionEmbeddingResampler.Resample(fixture["posemb"].to(ScalarType.Float64), (rows, columns), antialias: antialias);
        Assert.That(inDouble.dtype, Is.EqualTo(ScalarType.Float64));
        AssertWithin(inDouble, fixture[name + "_f64"], 1e-12, name + " in float64");
    }

    [Test, Description("A non-square 4×3 grid to 3×5 (rows then columns, row-major) as PyTorch")]
    public void MatchesPyTorchOnANonSquareGrid()
    {
        using var scope = torch.NewDisposeScope();
        var fixture = SafeTensorsReader.Read(Fixtures.VitReference("resample.safetensors"));
        var resized = PositionEmbeddingResampler.Resample(fixture["posemb_4x3"], (3, 5), oldGrid: (4, 3));
        AssertWithin(resized, fixture["4x3_to3x5_aa"], 1e-6, "4x3 → 3x5");
        var transposedBug = PositionEmbeddingResampler.Resample(fixture["posemb_4x3"], (3, 5), oldGrid: (3, 4));
        Assert.That((transposedBug - fixture["4x3_to3x5_aa"]).abs().max().item<float>(), Is.GreaterThan(1e-3), "grid orientation matters");
    }

    [Test]
    public void RejectsBadShapesByName()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => PositionEmbeddingResampler.Resample(torch.zeros(197, D), (16, 16)));
        Assert.Throws<ArgumentException>(() => PositionEmbeddingResampler.Resample(torch.zeros(1, 197, D), (0, 16)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionEmbeddingResampler.Resample(torch.zeros(1, 197, D), (16, 16), prefixTokens: 198));
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionEmbeddingResampler.WithPromptRows(torch.zeros(1, 197, D), -1));
    }

    internal static void AssertWithin(Tensor actual, Tensor expected, double atol, string name)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), $"{name}: shape");
        double diff = (actual.to(ScalarType.Float64) - expected.to(ScalarType.Float64)).abs().max().item<double>();
        TestContext.Out.WriteLine($"{name}: max abs diff to PyTorch {diff:E2}");
        Assert.That(diff, Is.LessThanOrEqualTo(atol), $"{name}: max abs diff {diff:E3}");
    }
}
