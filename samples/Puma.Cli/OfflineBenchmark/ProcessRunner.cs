using System.Diagnostics;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>Runs an external program and fails with its standard error when it exits non-zero.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">The program is missing or exits non-zero.</exception>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start '{fileName}': {e.Message}", e);
        }
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        string output = await stdout.ConfigureAwait(false), error = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', start.ArgumentList)}' exited with code {process.ExitCode}: {error.Trim()}");
        }
        return output;
    }

    /// <summary>True when <paramref name="program"/> is found on the PATH.</summary>
    public static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
