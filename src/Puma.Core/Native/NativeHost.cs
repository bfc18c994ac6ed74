using System.Runtime.InteropServices;

namespace Puma.Native;

/// <summary>
/// What <see cref="LibTorchSharpFallback"/> asks of the process: the application folder, the host's native search folders
/// and the loader itself (by path). <see cref="Current"/> is the real process; tests pass their own.
/// </summary>
/// <param name="AppFolder">The application's base folder.</param>
/// <param name="SearchFolders">The host's native search folders (<c>NATIVE_DLL_SEARCH_DIRECTORIES</c>).</param>
/// <param name="Load">Loads a library by path: its handle, or zero and the loader's message.</param>
internal sealed record NativeHost(string AppFolder, IReadOnlyList<string> SearchFolders, Func<string, (IntPtr Handle, string Error)> Load)
{
    /// <summary>This process.</summary>
    public static NativeHost Current { get; } = new(
        AppContext.BaseDirectory,
        (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        LoadByPath);

    private static (IntPtr Handle, string Error) LoadByPath(string path)
    {
        try
        {
            return (NativeLibrary.Load(path), "");
        }
        catch (DllNotFoundException exception)
        {
            return (IntPtr.Zero, exception.Message);
        }
    }
}
