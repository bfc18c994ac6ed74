using Puma.Native;

namespace Puma.Benchmarks.Infrastructure;

/// <summary>The process-wide <c>--allocator retain|glibc</c> option: <see cref="NativeAllocator.RetainFreedMemory"/> or glibc's defaults.</summary>
public static class AllocatorChoice
{
    /// <summary>What this process runs with: <c>retain</c>, <c>glibc</c>, or <c>not glibc</c>.</summary>
    public static string Current { get; private set; } = "glibc";

    /// <summary>Applies the option (default <c>retain</c>) and returns the arguments without it.</summary>
    public static string[] Apply(string[] args)
    {
        var list = args.ToList();
        int at = list.IndexOf("--allocator");
        string choice = "retain";
        if (at >= 0)
        {
            if (at + 1 >= list.Count) throw new OptionException("Option --allocator needs a value: retain or glibc.");
            choice = list[at + 1];
            list.RemoveRange(at, 2);
        }
        Current = choice switch
        {
            "retain" => NativeAllocator.RetainFreedMemory() ? "retain" : "not glibc",
            "glibc" => NativeAllocator.IsGlibc ? "glibc" : "not glibc",
            _ => throw new OptionException($"Unknown --allocator '{choice}': expected retain or glibc."),
        };
        return list.ToArray();
    }
}
