using NUnit.Framework;
using Puma.Core.Tests.Training;
using Puma.Losses;
using Puma.Models;
using Puma.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Models;

/// <summary>
/// Disposing a model releases every native tensor it holds: parameters, buffers and (after training) its loss. The
/// remaining difference in <c>torch.Tensor.TotalCount</c> is TorchSharp 0.107's accounting, pinned by
/// <see cref="TorchSharpCountsTheMovedFromTensorOfEveryParameter"/>: <c>new Parameter(t)</c> moves the native handle out
/// of <c>t</c>, and <c>t</c> stays counted forever (disposing a handle-less tensor, or finalizing any tensor, does not
/// decrement the count) although it owns no native memory. So the count may grow by exactly one per parameter and by
/// nothing else. The garbage collector runs before each measurement only, never before the final count, so a tensor that
/// only a finalizer would free counts as a leak.
/// </summary>
public class ModelDisposeTests
{
    private static void Settle()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [Test]
    public void TorchSharpCountsTheMovedFromTensorOfEveryParameter()
    {
        long before = torch.Tensor.TotalCount;
        var values = torch.ones(3);
        var parameter = new Parameter(values);
        Assert.That(values.IsInvalid, Is.True, "the parameter took the native handle");
        parameter.Dispose();
        values.Dispose();
        Assert.That(torch.Tensor.TotalCount - before, Is.EqualTo(1),
            "TorchSharp's accounting changed: tighten ModelDisposeTests to an unchanged TotalCount");
    }

    [Test]
    public void ThePatchConvolutionsOfBothStemsLeaveNoInitialisationTemporary()
    {
        Puma.Backbones.PatchProjection.Create(3, 4, 2, 2).Dispose();
        Settle();
        long before = torch.Tensor.TotalCount;

        var conv = Puma.Backbones.PatchProjection.Create(3, 8, kernelSize: 4, stride: 4);
        int parameters = conv.parameters().Count();
        conv.Dispose();
        long viaHelper = torch.Tensor.TotalCount - before;
        before = torch.Tensor.TotalCount;
        nn.Conv2d(3, 8, kernel_size: 4, stride: 4).Dispose();
        long plain = torch.Tensor.TotalCount - before;

        Assert.That(parameters, Is.EqualTo(2));
        Assert.That(viaHelper, Is.EqualTo(parameters), "only the moved-from tensor of each parameter stays counted");
        Assert.That(plain, Is.EqualTo(parameters + 1), "TorchSharp's own Conv2d leaves its initialisation temporary (if this fails, the helper is no longer needed)");
    }

    [Test]
    public void BuildAndDisposeReleasesEveryTensor()
    {
        TrainingTestData.Model().Dispose(); // warm-up: one-time tensors of TorchSharp itself
        Settle();
        long before = torch.Tensor.TotalCount;

        var model = TrainingTestData.Model(new CurricularFaceLossSpec());
        var held = model.parameters().Cast<Tensor>().Concat(model.buffers()).ToList();
        int parameters = model.parameters().Count();
        model.Dispose(); // no garbage collection before the count: a tensor left to the finalizer counts as a leak

        Assert.That(held, Has.Count.GreaterThan(10));
        Assert.That(held.Where(t => !t.IsInvalid), Is.Empty, "tensors of the model still own native memory");
        Assert.That(torch.Tensor.TotalCount - before, Is.EqualTo(parameters), "only the moved-from tensor of each parameter stays counted");
    }

    [Test]
    public async Task ATrainedModelWithItsLossAndOptimizerIsReleasedToo()
    {
        using var warmUp = TrainingTestData.Model();
        using var train = TrainingTestData.RandomFeatures(warmUp, count: 8, classes: 2); // made before the count starts
        Settle();
        long before = torch.Tensor.TotalCount;

        var model = TrainingTestData.Model(new CurricularFaceLossSpec());
        await model.FitAsync(train, new TrainingOptions { Epochs = 2, BatchSize = 4 });
        var held = model.parameters().Cast<Tensor>().Concat(model.buffers()).ToList();
        int parameters = model.parameters().Count();
        Assert.That(model.Loss!.named_buffers().Select(b => b.name), Is.EqualTo(new[] { "pos_sim" }));
        model.Dispose(); // no garbage collection before the count: a tensor left to the finalizer counts as a leak

        Assert.That(held.Where(t => !t.IsInvalid), Is.Empty, "tensors of the model or its loss still own native memory");
        Assert.That(torch.Tensor.TotalCount - before, Is.EqualTo(parameters),
            "training leaves no tensor behind: only the moved-from tensor of each parameter stays counted");
    }
}
