using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// TorchSharp needs the GLIBCXX fix of build/TorchSharpGlibcxxFix.targets, which BenchmarkDotNet's generated child
// project would not import: run every job in this process instead.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5));
BenchmarkSwitcher.FromAssembly(typeof(Puma.Benchmarks.Suites.TrainingStepBenchmarks).Assembly).Run(args, config);
