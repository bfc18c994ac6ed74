using System.CommandLine;
using Spectre.Console;

namespace Puma.Cli;

/// <summary>
/// The Spectre console a command writes its tables to: the terminal, or the invocation's output writer when a caller
/// (a test, a host) redirected it — then plain text, no colours, no live progress.
/// </summary>
internal static class CommandConsole
{
    public static IAnsiConsole For(ParseResult result)
    {
        var output = result.InvocationConfiguration.Output;
        if (ReferenceEquals(output, Console.Out)) return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 240; // long file paths stay on one line
        return console;
    }

    /// <summary>Whether live progress bars make sense: an interactive terminal whose output is not redirected.</summary>
    public static bool CanShowProgress(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi && !Console.IsOutputRedirected;
}
