namespace Puma.Native;

/// <summary>
/// TorchSharp's native library (<c>libLibTorchSharp.so</c> / <c>LibTorchSharp.dll</c>) or libtorch could not be loaded;
/// the message names the library, the loader's reason and the fix.
/// </summary>
public sealed class PumaNativeLibraryException : Exception
{
    /// <summary>Creates the exception with its explanation.</summary>
    public PumaNativeLibraryException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
