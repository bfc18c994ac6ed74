using System.Diagnostics;
using NUnit.Framework;
using Puma.Features;
using Puma.IO;
using Puma.Losses;
using Puma.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Puma.Core.Tests.Training.Checkpointing;

/// <summary>
/// A checkpoint write that fails part-way — an injected fault after K bytes, or a really full file system (a 256 KiB
/// tmpfs the test mounts) — never replaces the previous good checkpoint, leaves no partial file, and a full disk is
/// reported by an <see cref="IOException"/> naming the file and the cause.
/// </summary>
public class CheckpointWriteFaultTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-write-fault-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(40)]
    [TestCase(300)]
    [TestCase(4_000)]
    public void AWriteInterruptedAfterKBytesLeavesThePreviousFileIntact(int k)
    {
        var path = Path.Combine(folder, "checkpoint-000000001.safetensors");
        using var scope = torch.NewDisposeScope();
        SafeTensorsWriter.Write(path, new Dictionary<string, Tensor> { ["a"] = torch.arange(10f) }, new Dictionary<string, string> { ["v"] = "1" });
        var good = File.ReadAllBytes(path);
        var replacement = new Dictionary<string, Tensor> { ["a"] = torch.ones(2_000), ["b"] = torch.zeros(3) };

        var error = Assert.Throws<IOException>(() =>
            SafeTensorsWriter.Write(path, replacement, null, beforeCommit: null, wrapStream: s => new FailingStream(s, k)));

        Assert.That(error!.Message, Does.Contain($"after {k} bytes"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(good), "the previous file is untouched");
        Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { path }), "no temporary file is left behind");
        Assert.That(SafeTensorsReader.Read(path)["a"].data<float>().ToArray(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (float)i)));
    }

    [Test]
    public void AFullDiskGivesAClearErrorAndThePreviousCheckpointStaysLoadable()
    {
        var mount = Path.Combine(folder, "small");
        Directory.CreateDirectory(mount);
        if (!TryMountTmpfs(mount, out var why)) Assert.Ignore($"Cannot mount a 256 KiB tmpfs to fill ({why}); needs root or CAP_SYS_ADMIN.");
        try
        {
            var checkpoints = Path.Combine(mount, "run");
            var options = new TrainingOptions
            {
                Epochs = 2, BatchSize = 4, LearningRate = 1e-2, Seed = 3,
                Checkpoint = new TrainingCheckpointOptions(checkpoints) { EveryEpochs = null, EverySteps = 1 },
            };
            var filler = Path.Combine(mount, "filler");
            var progress = new Recorder(p => { if (p.Step == 2) FillDisk(filler); }); // after the first checkpoint

            var error = Assert.Throws<IOException>(() => Train(options, progress));

            Assert.That(error!.Message, Does.Contain(Path.Combine(checkpoints, "checkpoint-000000002.safetensors"))
                .And.Contain("no space left on the device (disk full)"));
            Assert.That(Directory.GetFiles(checkpoints).Select(Path.GetFileName), Is.EqualTo(new[] { "checkpoint-000000001.safetensors" }),
                "the previous checkpoint is there, and no partial file");
            File.Delete(filler);
            var resumed = Train(options, progress: null);
            Assert.That(resumed.ResumedFrom, Does.EndWith("checkpoint-000000001.safetensors"), "the previous checkpoint reads back valid");
        }
        finally
        {
            Run("umount", mount, out _);
        }
    }

    private static TrainingReport Train(TrainingOptions options, IProgress<TrainingProgress>? progress)
    {
        torch.manual_seed(1);
        using var data = new FeatureDataset(torch.randn(16, 4), Enumerable.Range(0, 16).Select(i => i % 2).ToArray(), new int[16], ["d"], 2);
        using var embedder = new DropoutEmbedder(seed: 2);
        using var loss = new ProxyAnchorLossSpec().Create(2, 4);
        return new MetricTrainer().Fit(embedder, loss, data, options, progress);
    }

    private static void FillDisk(string path)
    {
        using var stream = File.Create(path);
        var block = new byte[4096];
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // The file system is full.
        }
    }

    private static bool TryMountTmpfs(string mount, out string why)
    {
        if (OperatingSystem.IsLinux()) return Run("mount", $"-t tmpfs -o size=256k puma-test {mount}", out why);
        why = "not Linux";
        return false;
    }

    private static bool Run(string file, string arguments, out string output)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output = e.Message;
            return false;
        }
    }

    private sealed class Recorder(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
