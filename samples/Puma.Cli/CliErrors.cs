using Puma.Native;

namespace Puma.Cli;

/// <summary>
/// Exit codes scripts can trust: 0 success, 1 a command's own failure or a parse error (System.CommandLine), 2 bad
/// input (a missing file or folder, an invalid option or file: the message names the culprit, printed without a stack
/// trace), 3 the native backend did not load, 130 cancelled. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CliErrors
{
    public const int BadInput = 2;
    public const int NativeBackend = 3;
    public const int Cancelled = 130;

    public static int Run(Func<int> invoke)
    {
        try
        {
            return invoke();
        }
        catch (PumaNativeLibraryException error)
        {
            return Fail(error.Message, NativeBackend);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or ArgumentException or InvalidDataException)
        {
            return Fail(error.Message, BadInput);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", Cancelled);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"puma: error: {message}");
        return code;
    }
}
