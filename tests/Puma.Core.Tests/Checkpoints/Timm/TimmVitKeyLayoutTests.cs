using NUnit.Framework;
using Puma.Backbones.Vit;
using Puma.Checkpoints.Timm;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Checkpoints.Timm;

/// <summary>
/// BR-36 · Key layouts that "load" but compute something else (fc_norm, head.fc, q/v bias, strictness), and the
/// strict import in general: every missing or unexpected key is named.
/// </summary>
public class TimmVitKeyLayoutTests
{
    private Dictionary<string, Tensor> weights = null!;

    [SetUp]
    public void CreateWeights() => weights = TimmTestData.StateDict(TimmTestData.Small);

    [TearDown]
    public void DisposeWeights()
    {
        foreach (var t in weights.Values) t.Dispose();
    }

    private (VisionTransformer, TimmImportReport) Import(TimmVitOptions? options = null) =>
        TimmVitImporter.Import(weights, options ?? new TimmVitOptions().Heads(3));

    [Test]
    public void ACompleteStateDictLoadsBitExact()
    {
        var (encoder, report) = Import();
        using var _ = encoder;
        TimmTestData.AssertSameParameters(encoder, weights);
        Assert.That(report.IgnoredKeys, Is.Empty);
        Assert.That(report.Conversions, Is.Empty);
    }

    [Test]
    public void AMissingKeyIsNamed()
    {
        weights.Remove("blocks.1.mlp.fc2.bias", out var removed);
        removed!.Dispose();
        var error = Assert.Throws<InvalidDataException>(() => Import());
        Assert.That(error!.Message, Does.Contain("missing key 'blocks.1.mlp.fc2.bias'"));
    }

    [Test]
    public void AMisShapedKeyIsNamedWithBothShapes()
    {
        weights["blocks.0.attn.proj.bias"].Dispose();
        weights["blocks.0.attn.proj.bias"] = torch.zeros(47);
        var error = Assert.Throws<InvalidDataException>(() => Import());
        Assert.That(error!.Message, Does.Contain("'blocks.0.attn.proj.bias'").And.Contain("[47]").And.Contain("[48]"));
    }

    [Test, Description("BR-36 (a): a state dict whose final norm is fc_norm (average pooling) is refused, naming missing norm.* and unexpected fc_norm.*; never remapped")]
    public void BR36a_FcNormIsRefusedNotRemapped([Values(false, true)] bool ignoreClassifier)
    {
        weights.Remove("norm.weight", out var w);
        weights.Remove("norm.bias", out var b);
        weights["fc_norm.weight"] = w!;
        weights["fc_norm.bias"] = b!;
        var options = new TimmVitOptions().Heads(3);
        if (ignoreClassifier) options.IgnoreClassifierHead();
        var error = Assert.Throws<InvalidDataException>(() => Import(options));
        Assert.That(error!.Message, Does.Contain("missing key 'norm.weight'").And.Contain("missing key 'norm.bias'")
            .And.Contain("unexpected key 'fc_norm.weight'").And.Contain("unexpected key 'fc_norm.bias'").And.Contain("not remapped"));
    }

    [Test, Description("BR-36 (a): an untrained fc_norm (unit affine) beside a trained norm is skipped with IgnoreClassifierHead and reported")]
    public void BR36a_UntrainedFcNormBesideNormIsSkippedOnRequest()
    {
        weights["fc_norm.weight"] = torch.ones(48);
        weights["fc_norm.bias"] = torch.zeros(48);
        var error = Assert.Throws<InvalidDataException>(() => Import());
        Assert.That(error!.Message, Does.Contain("unexpected key 'fc_norm.weight'"));
        var (encoder, report) = Import(new TimmVitOptions().Heads(3).IgnoreClassifierHead());
        using var _ = encoder;
        Assert.That(report.IgnoredKeys, Is.EqualTo(new[] { "fc_norm.bias", "fc_norm.weight" }));
        TimmTestData.AssertSameParameters(encoder, weights.Where(kv => !kv.Key.StartsWith("fc_norm.")).ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    [Test, Description("BR-36 (a): a trained fc_norm beside norm is refused even with IgnoreClassifierHead")]
    public void BR36a_TrainedFcNormIsRefusedEvenBesideNorm()
    {
        weights["fc_norm.weight"] = torch.ones(48) + 0.01 * torch.randn(48);
        weights["fc_norm.bias"] = torch.zeros(48);
        var error = Assert.Throws<InvalidDataException>(() => Import(new TimmVitOptions().Heads(3).IgnoreClassifierHead()));
        Assert.That(error!.Message, Does.Contain("unexpected key 'fc_norm.weight'").And.Contain("not remapped"));
    }

    [Test, Description("BR-36 (a) arithmetic: tokens (1,3), (5,1), eps 1e-6: norm-then-mean = (0, 0), mean-then-norm = (0.999998, −0.999998), CLS path (−1, 1)")]
    public void BR36a_NormThenPoolDiffersFromPoolThenNorm()
    {
        using var scope = torch.NewDisposeScope();
        var tokens = torch.tensor(new float[] { 1, 3, 5, 1 }, [1, 2, 2]);
        var normed = nn.functional.layer_norm(tokens, [2], eps: 1e-6);
        var normThenMean = normed.mean([1]);
        var meanThenNorm = nn.functional.layer_norm(tokens.mean([1]), [2], eps: 1e-6);
        Assert.That(normThenMean.data<float>().ToArray(), Is.EqualTo(new[] { 0f, 0f }).Within(1e-6));
        Assert.That(meanThenNorm.data<float>().ToArray(), Is.EqualTo(new[] { 0.999998f, -0.999998f }).Within(1e-6));
        Assert.That(normed[0, 0].data<float>().ToArray(), Is.EqualTo(new[] { -1f, 1f }).Within(1e-6));
    }

    [Test, Description("BR-36 (b): BEiT-style q_bias/v_bias without qkv.bias: fused bias = (q, 0, v); first-token output (0.576901, 0.472816)")]
    public void BR36b_SeparateQueryAndValueBiasesFuseWithAZeroKeyBias()
    {
        using var scope = torch.NewDisposeScope();
        var fused = TimmVitImporter.FuseQvBias(torch.tensor(new float[] { 0.1f, 0.2f }), torch.tensor(new float[] { 0.3f, 0.4f }));
        Assert.That(fused.data<float>().ToArray(), Is.EqualTo(new[] { 0.1f, 0.2f, 0f, 0f, 0.3f, 0.4f }));

        Assert.That(FirstToken(fused), Is.EqualTo(new[] { 0.576901f, 0.472816f }).Within(1e-6));
        var anyKeyBias = torch.tensor(new float[] { 0.1f, 0.2f, 5f, -7f, 0.3f, 0.4f });
        Assert.That(FirstToken(anyKeyBias), Is.EqualTo(FirstToken(fused)).Within(1e-6), "a key bias cancels inside softmax");
        Assert.That(FirstToken(torch.zeros(6)), Is.EqualTo(new[] { 0.275374f, 0.080956f }).Within(1e-6), "no biases");
        var vInKSlot = torch.tensor(new float[] { 0.1f, 0.2f, 0.3f, 0.4f, 0f, 0f });
        Assert.That(FirstToken(vInKSlot), Is.EqualTo(new[] { 0.276901f, 0.072816f }).Within(1e-6), "v_bias in the k slot");
    }

    [Test, Description("BR-36 (b) through the importer: q_bias/v_bias of every block become qkv.bias, and the report says so")]
    public void BR36b_ImporterFusesQvBiasesOfEveryBlock()
    {
        var expected = new Dictionary<string, Tensor>(weights);
        for (int i = 0; i < 2; i++)
        {
            weights.Remove($"blocks.{i}.attn.qkv.bias", out var bias);
            weights[$"blocks.{i}.attn.q_bias"] = bias!.narrow(0, 0, 48);
            weights[$"blocks.{i}.attn.v_bias"] = bias.narrow(0, 96, 48);
            using (torch.no_grad()) bias.narrow(0, 48, 48).zero_();
            expected[$"blocks.{i}.attn.qkv.bias"] = bias;
        }
        var (encoder, report) = Import();
        using var _ = encoder;
        TimmTestData.AssertSameParameters(encoder, expected.Where(kv => !kv.Key.Contains("_bias")).ToDictionary(kv => kv.Key, kv => kv.Value));
        Assert.That(report.Conversions.Single(), Does.Contain("q_bias/v_bias of 2 block(s)"));
        Assert.That(report.ToString(), Does.Contain("zero key bias"));
    }

    [Test]
    public void BR36b_AQueryBiasWithoutItsValueBiasIsRefused()
    {
        weights.Remove("blocks.0.attn.qkv.bias", out var bias);
        weights["blocks.0.attn.q_bias"] = bias!.narrow(0, 0, 48);
        var error = Assert.Throws<InvalidDataException>(() => Import());
        Assert.That(error!.Message, Does.Contain("blocks.0.attn.q_bias").And.Contain("without its partner"));
    }

    [Test, Description("BR-36 (c): head.fc.weight and qkv.bias_mask raise by name; only the explicit ignore list skips them, and the report prints it")]
    public void BR36c_UnknownKeysRaiseUnlessExplicitlyIgnored()
    {
        weights["head.fc.weight"] = torch.zeros(10, 48);
        weights["blocks.0.attn.qkv.bias_mask"] = torch.ones(144);
        weights["blocks.1.attn.qkv.bias_mask"] = torch.ones(144);
        var error = Assert.Throws<InvalidDataException>(() => Import(new TimmVitOptions().Heads(3).IgnoreClassifierHead()));
        Assert.That(error!.Message, Does.Contain("unexpected key 'head.fc.weight'").And.Contain("unexpected key 'blocks.0.attn.qkv.bias_mask'"));

        var (encoder, report) = Import(new TimmVitOptions().Heads(3).Ignore("head.fc.weight", "blocks.*.attn.qkv.bias_mask"));
        using var _ = encoder;
        Assert.That(report.IgnoredKeys, Is.EqualTo(new[] { "blocks.0.attn.qkv.bias_mask", "blocks.1.attn.qkv.bias_mask", "head.fc.weight" }));
        Assert.That(report.ToString(), Does.Contain("ignored blocks.0.attn.qkv.bias_mask, blocks.1.attn.qkv.bias_mask, head.fc.weight"));
    }

    [Test, Description("BR-36 (c): timm's classifier head.weight/bias is skipped only with IgnoreClassifierHead, and reported")]
    public void BR36c_ClassifierHeadIsSkippedOnlyOnRequest()
    {
        weights["head.weight"] = torch.zeros(10, 48);
        weights["head.bias"] = torch.zeros(10);
        var error = Assert.Throws<InvalidDataException>(() => Import());
        Assert.That(error!.Message, Does.Contain("unexpected key 'head.weight'").And.Contain("unexpected key 'head.bias'"));
        var (encoder, report) = Import(new TimmVitOptions().Heads(3).IgnoreClassifierHead());
        using var _ = encoder;
        Assert.That(report.IgnoredKeys, Is.EqualTo(new[] { "head.bias", "head.weight" }));
    }

    /// <summary>The BR-36 (b) attention: D 2, one head, scale 1/√2, tokens (1,0), (0,1), (1,1), proj = identity.</summary>
    private static float[] FirstToken(Tensor fusedBias)
    {
        using var attention = new Attention(2, 1);
        using (torch.no_grad())
        {
            var p = attention.named_parameters().ToDictionary(x => x.name, x => x.parameter);
            p["qkv.weight"].copy_(torch.tensor(new float[] { 0.5f, -0.2f, 0.1f, 0.3f, 0.7f, 0.4f, -0.3f, 0.2f, 0.2f, 0.2f, 0.6f, -0.5f }, [6, 2]));
            p["qkv.bias"].copy_(fusedBias);
            p["proj.weight"].copy_(torch.eye(2));
            p["proj.bias"].zero_();
            var tokens = torch.tensor(new float[] { 1, 0, 0, 1, 1, 1 }, [1, 3, 2]);
            return attention.forward(tokens)[0, 0].data<float>().ToArray();
        }
    }
}
