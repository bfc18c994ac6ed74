using Puma.Fuzz;
using SharpFuzz;

// Usage (see fuzz/README.md):
//   Puma.Fuzz <target>                 AFL mode: run under afl-fuzz after instrumenting Puma.Core.dll with sharpfuzz
//   Puma.Fuzz <target> --replay <dir>  run every file of <dir> through <target> once (corpus / crash replay, no AFL)
//   Puma.Fuzz seeds <dir>              write a starting corpus, one sub-folder per target
// Targets: image, safetensors, onnx.
if (args.Length == 2 && args[0] == "seeds")
{
    Seeds.Write(args[1]);
    return 0;
}
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Puma.Fuzz <{string.Join("|", FuzzTargets.All.Keys)}> [--replay <dir>] | seeds <dir>");
    return 2;
}
if (args.Length == 3 && args[1] == "--replay")
{
    int valid = 0, refused = 0;
    foreach (string file in Directory.EnumerateFiles(args[2], "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
    {
        if (target(File.ReadAllBytes(file))) valid++;
        else refused++;
    }
    Console.WriteLine($"{args[0]}: {valid} valid, {refused} refused with InvalidDataException, no undocumented exception");
    return 0;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    _ = target(buffer.ToArray());
});
return 0;
