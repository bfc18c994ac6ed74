using NUnit.Framework;
using Puma.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Checkpoints;

/// <summary>Strict loading refuses every bad value by name and changes nothing unless everything is loadable.</summary>
public class StateDictLoaderTests
{
    private static Dictionary<string, Tensor> Values(Tensor weight, Tensor bias) => new() { ["weight"] = weight, ["bias"] = bias };

    [Test]
    public void NaNAndInfinityAreRefusedByKeyWithTheirIndex()
    {
        using var linear = nn.Linear(3, 2);
        using var scope = torch.NewDisposeScope();
        var before = linear.weight!.detach().clone();
        var weight = torch.zeros(2, 3);
        weight[1, 2] = torch.tensor(float.NaN);
        var bias = torch.tensor(new[] { float.NegativeInfinity, 0f });

        var error = Assert.Throws<InvalidDataException>(() => StateDictLoader.LoadStrict(linear, Values(weight, bias), "bad.safetensors"))!;

        Assert.That(error.Message, Does.Contain("bad.safetensors"));
        Assert.That(error.Message, Does.Contain("'weight' holds 1 non-finite value, first NaN at [1, 2]"));
        Assert.That(error.Message, Does.Contain("'bias' holds 1 non-finite value, first -Infinity at [0]"));
        Assert.That((linear.weight!.detach() - before).abs().max().item<float>(), Is.EqualTo(0f), "nothing was copied");
    }

    [Test]
    public void Float64ValuesThatOverflowFloat32AreRefused()
    {
        using var linear = nn.Linear(1, 1);
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<InvalidDataException>(() => StateDictLoader.LoadStrict(linear,
            Values(torch.full(1, 1, 1e300, dtype: ScalarType.Float64), torch.zeros(1)), "big"))!;
        Assert.That(error.Message, Does.Contain("'weight'").And.Contain("Infinity").And.Contain("as Float32"));
    }

    [Test]
    public void EveryCulpritIsListedAtOnce()
    {
        using var linear = nn.Linear(3, 2);
        using var scope = torch.NewDisposeScope();
        var values = new Dictionary<string, Tensor>
        {
            ["weight"] = torch.zeros(3, 2),
            ["extra"] = torch.zeros(1),
        };
        var error = Assert.Throws<InvalidDataException>(() => StateDictLoader.LoadStrict(linear, values, "mixed"))!;
        Assert.That(error.Message, Does.Contain("missing key 'bias' (expected shape [2])"));
        Assert.That(error.Message, Does.Contain("unexpected key 'extra'"));
        Assert.That(error.Message, Does.Contain("shape mismatch for 'weight': checkpoint [3,2], model [2,3]"));
    }

    [Test]
    public void IntegerValuesAreRefused()
    {
        using var linear = nn.Linear(1, 1);
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<InvalidDataException>(() => StateDictLoader.LoadStrict(linear,
            Values(torch.ones(1, 1, dtype: ScalarType.Int64), torch.zeros(1)), "ints"))!;
        Assert.That(error.Message, Does.Contain("'weight' has non-floating dtype Int64"));
    }

    [Test]
    public void FiniteValuesLoad()
    {
        using var linear = nn.Linear(1, 1);
        using var scope = torch.NewDisposeScope();
        StateDictLoader.LoadStrict(linear, Values(torch.full(1, 1, 0.5), torch.full(1, -2.0)), "ok");
        Assert.That(linear.weight!.item<float>(), Is.EqualTo(0.5f));
        Assert.That(linear.bias!.item<float>(), Is.EqualTo(-2f));
    }
}
