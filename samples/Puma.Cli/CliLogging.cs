using Microsoft.Extensions.Logging;

namespace Puma.Cli;

/// <summary>Console logging shared by the commands (timestamps, one line per message, information level).</summary>
internal static class CliLogging
{
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        }));
}
