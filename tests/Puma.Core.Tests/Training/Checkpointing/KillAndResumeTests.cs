using System.Diagnostics;
using NUnit.Framework;

namespace Puma.Core.Tests.Training.Checkpointing;

/// <summary>
/// Training killed with SIGKILL at a random moment after its first checkpoint — twice — and restarted each time ends in
/// the same trainable state, byte for byte, as an uninterrupted run with the same seed. The training runs in a separate
/// process (tests/Puma.FaultHost: tiny ViT, CurricularFace, a checkpoint every 7 of 800 batches).
/// </summary>
public class KillAndResumeTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("puma-kill-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void KilledTwiceAndResumedEqualsTheUninterruptedRunBitForBit()
    {
        var reference = Path.Combine(folder, "reference.safetensors");
        var resumed = Path.Combine(folder, "resumed.safetensors");
        var checkpoints = Path.Combine(folder, "checkpoints");
        Assert.That(Host("-", reference).ExitCode, Is.EqualTo(0));

        var random = new Random(TestContext.CurrentContext.Random.Next());
        for (int kill = 0; kill < 2; kill++)
        {
            var before = Checkpoints(checkpoints);
            using var process = Start(checkpoints, resumed);
            var deadline = Stopwatch.StartNew();
            while (Checkpoints(checkpoints).Except(before).FirstOrDefault() is null) // a checkpoint of this run
            {
                Assert.That(process.HasExited, Is.False, "the host ended before writing a checkpoint");
                Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), "no checkpoint appeared");
                Thread.Sleep(5);
            }
            int delay = random.Next(0, 400);
            Thread.Sleep(delay);
            Assert.That(process.HasExited, Is.False, $"the host finished before the kill ({delay} ms after a checkpoint)");
            process.Kill(); // SIGKILL on Unix: no finally blocks, no flushing
            process.WaitForExit();
            TestContext.Out.WriteLine($"kill {kill + 1}: {delay} ms after a checkpoint; files: " +
                string.Join(", ", Directory.GetFiles(checkpoints, "*", SearchOption.AllDirectories).Select(Path.GetFileName)));
        }
        Assert.That(File.Exists(resumed), Is.False, "no run got to the end");

        var last = Host(checkpoints, resumed);

        Assert.That(last.ExitCode, Is.EqualTo(0), last.Output);
        Assert.That(last.Output, Does.Contain("resumed " + checkpoints));
        Assert.That(File.ReadAllBytes(resumed), Is.EqualTo(File.ReadAllBytes(reference)), "final trainable state (safetensors bytes)");
    }

    private static string[] Checkpoints(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "checkpoint-*.safetensors") : [];

    private static Process Start(string checkpoints, string output)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "Puma.FaultHost.dll"));
        info.ArgumentList.Add(checkpoints);
        info.ArgumentList.Add(output);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static (int ExitCode, string Output) Host(string checkpoints, string output)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "Puma.FaultHost.dll"));
        info.ArgumentList.Add(checkpoints);
        info.ArgumentList.Add(output);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text + error.Result);
    }
}
