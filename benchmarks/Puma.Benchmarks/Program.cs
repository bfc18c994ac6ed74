using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Puma.Benchmarks.Commands;
using Puma.Benchmarks.Infrastructure;
using Puma.Native;

// `--allocator retain` (the default, as in the puma CLI) or `--allocator glibc`: keep freed native memory for reuse, or
// leave glibc's malloc at its defaults (see NativeAllocator). Taken out before the commands and BenchmarkDotNet see args.
args = AllocatorChoice.Apply(args);

// Own commands first (see README.md); anything else goes to BenchmarkDotNet (--filter, --list flat, ...).
var rest = new CommandArgs(args.Skip(1).ToArray());
switch (args.FirstOrDefault())
{
    case "compare": return CompareCommand.Run(rest);
    case "peak": return PeakCommand.Run(rest);
    case "gemm": return GemmCommand.Run(rest);
    case "profile": return ProfileCommand.Run(rest);
    case "memory": return MemoryCommand.Run(rest);
    case "cache": return CacheCommand.Run(rest);
    case "soak": return SoakCommand.Run(rest);
    case "memory-run": return MemoryCommand.RunScenario(args.Length > 1 ? args[1] : "", new CommandArgs(args.Skip(2).ToArray()));
}

// TorchSharp needs the GLIBCXX fix of build/TorchSharpGlibcxxFix.targets, which BenchmarkDotNet's generated child
// project would not import: run every job in this process instead. Short runs: the machine is shared (2 cores).
var config = DefaultConfig.Instance.AddJob(Job.ShortRun
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
BenchmarkSwitcher.FromAssembly(typeof(Puma.Benchmarks.Suites.TrainingStepBenchmarks).Assembly).Run(args, config);
return 0;
