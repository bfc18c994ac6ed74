using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Puma.Benchmarks.Commands;
using Puma.Benchmarks.Infrastructure;

// `--allocator retain` (the default, as in the puma CLI) or `--allocator glibc`, anywhere on the line: keep freed native
// memory for reuse, or leave glibc's malloc at its defaults (see NativeAllocator). Taken out before the commands and
// BenchmarkDotNet see args.
//
// Own commands first (see README.md); anything else goes to BenchmarkDotNet (--filter, --list flat, ...). A bad option
// value ends the run with its message and exit code 2, not a stack trace.
int? exitCode;
try
{
    args = AllocatorChoice.Apply(args);
    var rest = new CommandArgs(args.Skip(1).ToArray());
    exitCode = args.FirstOrDefault() switch
    {
        "compare" => CompareCommand.Run(rest),
        "peak" => PeakCommand.Run(rest),
        "gemm" => GemmCommand.Run(rest),
        "profile" => ProfileCommand.Run(rest),
        "memory" => MemoryCommand.Run(rest),
        "cache" => CacheCommand.Run(rest),
        "soak" => SoakCommand.Run(rest),
        "memory-run" => MemoryCommand.RunScenario(args.Length > 1 ? args[1] : "", new CommandArgs(args.Skip(2).ToArray())),
        _ => null,
    };
}
catch (OptionException error)
{
    Console.Error.WriteLine($"Puma.Benchmarks: {error.Message}");
    return 2;
}
if (exitCode is { } code) return code;

// TorchSharp needs the GLIBCXX fix of build/TorchSharpGlibcxxFix.targets, which BenchmarkDotNet's generated child
// project would not import: run every job in this process instead. Short runs: the machine is shared (2 cores).
var config = DefaultConfig.Instance.AddJob(Job.ShortRun
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
BenchmarkSwitcher.FromAssembly(typeof(Puma.Benchmarks.Suites.TrainingStepBenchmarks).Assembly).Run(args, config);
return 0;
