using System.CommandLine;
using Puma.Cli;
using Puma.Cli.Commands;
using Puma.Native;

// Keep freed tensor memory for reuse instead of faulting it in again every step (glibc only; see NativeAllocator).
NativeAllocator.RetainFreedMemory();

var root = new RootCommand("Puma: universal metric learning on a frozen backbone (PUMA) — command-line front end.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(PrepareCommand.Create());
root.Subcommands.Add(SummaryCommand.Create());
root.Subcommands.Add(BenchmarkCheckCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(BenchmarkCommand.Create());
root.Subcommands.Add(EmbedCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
return CliErrors.Run(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
