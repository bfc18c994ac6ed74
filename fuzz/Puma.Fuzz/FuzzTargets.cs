using Puma.Data;
using Puma.IO;
using Puma.Onnx;
using TorchSharp;

namespace Puma.Fuzz;

/// <summary>
/// One entry per parser of outside bytes. A target returns true for a valid input and false for one refused with the
/// documented <see cref="InvalidDataException"/>; any other exception escapes and is a finding (AFL records it as a crash).
/// </summary>
internal static class FuzzTargets
{
    /// <summary>
    /// Small limits, so that every accepted input decodes in milliseconds. Made on use: no Puma code may run before
    /// SharpFuzz has set up its trace memory (instrumented code throws NullReferenceException otherwise).
    /// </summary>
    private static ImageDecodeOptions ImageLimits => new() { MaxPixels = 1 << 16, MaxSourcePixels = 1 << 22 };

    private static readonly string ScratchFile = Path.Combine(Path.GetTempPath(), $"puma-fuzz-{Environment.ProcessId}.safetensors");

    public static IReadOnlyDictionary<string, Func<byte[], bool>> All { get; } = new Dictionary<string, Func<byte[], bool>>(StringComparer.Ordinal)
    {
        ["image"] = Image,
        ["safetensors"] = SafeTensors,
        ["onnx"] = Onnx,
    };

    private static bool Image(byte[] bytes)
    {
        try
        {
            var limits = ImageLimits;
            RgbImage image = ImageDecoder.Decode(bytes, limits, "fuzz");
            if ((long)image.Width * image.Height > limits.MaxPixels) throw new InvalidOperationException("pixel limit exceeded");
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool SafeTensors(byte[] bytes)
    {
        File.WriteAllBytes(ScratchFile, bytes);
        try
        {
            SafeTensorsHeader header = SafeTensorsReader.ReadHeader(ScratchFile);
            var tensors = SafeTensorsReader.Read(ScratchFile);
            foreach (var info in header.Tensors)
            {
                if (!tensors[info.Name].shape.SequenceEqual(info.Shape)) throw new InvalidOperationException($"shape of {info.Name} differs from its header");
            }
            foreach (torch.Tensor tensor in tensors.Values) tensor.Dispose();
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool Onnx(byte[] bytes)
    {
        try
        {
            OnnxModel model = OnnxModel.Parse(bytes);
            foreach (OnnxTensor tensor in model.Graph.Initializers) _ = tensor.ToFloatArray();
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
