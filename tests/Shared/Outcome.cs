using NUnit.Framework;

namespace Puma.Testing;

/// <summary>
/// The contract of every parser fed with untrusted bytes: it returns a valid result or throws one of the documented
/// exception types, and it does so in bounded time (a hang guard, not a speed check: the bound is generous).
/// </summary>
internal static class Outcome
{
    /// <summary>Iterations per property: 300, or <c>PUMA_FUZZ_ITERATIONS</c> for longer runs (docs/bad-input.md).</summary>
    public static long Iterations =>
        long.TryParse(Environment.GetEnvironmentVariable("PUMA_FUZZ_ITERATIONS"), out long n) && n > 0 ? n : 300;

    /// <summary>A bound far above any real parse of the small inputs used here; reaching it means a hang.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="parse"/> on a separate thread. Returns true when it completed, false when it threw one of
    /// <paramref name="allowed"/>; fails the test on any other exception or when it does not finish within <see cref="HangLimit"/>.
    /// </summary>
    public static bool CompletesOrThrows(Action parse, string input, params Type[] allowed)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { parse(); }
            catch (Exception e) { error = e; }
        }, maxStackSize: 16 << 20) { IsBackground = true };
        thread.Start();
        if (!thread.Join(HangLimit))
            Assert.Fail($"No result after {HangLimit.TotalSeconds} s (hang?) for {input}");
        if (error is null) return true;
        if (allowed.Any(t => t.IsInstanceOfType(error))) return false;
        Assert.Fail($"Undocumented {error.GetType().Name} for {input}: {error}");
        return false;
    }

    /// <summary>A short printable description of bytes for failure messages.</summary>
    public static string Describe(byte[] bytes) =>
        $"{bytes.Length} bytes [{Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 48))}{(bytes.Length > 48 ? "…" : "")}]";
}
