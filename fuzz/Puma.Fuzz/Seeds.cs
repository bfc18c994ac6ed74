using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Puma.Fuzz;

/// <summary>Writes a small starting corpus per target (made here, so that no binary file is committed).</summary>
internal static class Seeds
{
    public static void Write(string folder)
    {
        Write(folder, "image", "gradient.png", Encode(SKEncodedImageFormat.Png));
        Write(folder, "image", "gradient.jpg", Encode(SKEncodedImageFormat.Jpeg));
        Write(folder, "image", "gradient.webp", Encode(SKEncodedImageFormat.Webp));
        Write(folder, "safetensors", "two.safetensors", SafeTensorsFile(
            "{\"__metadata__\":{\"format\":\"seed\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]}}",
            16));
        // ModelProto { ir_version 3, graph { node { input x, output y, op_type Relu }, initializer { dims 2, data_type 1, float_data [1, 2], name w } } }
        byte[] node = [0x0A, 0x0C, 0x0A, 0x01, 0x78, 0x12, 0x01, 0x79, 0x22, 0x04, 0x52, 0x65, 0x6C, 0x75];
        byte[] tensor = [0x2A, 0x11, 0x08, 0x02, 0x10, 0x01, 0x22, 0x08, 0, 0, 0x80, 0x3F, 0, 0, 0, 0x40, 0x42, 0x01, 0x77];
        Write(folder, "onnx", "relu.onnx", [0x08, 0x03, 0x3A, (byte)(node.Length + tensor.Length), .. node, .. tensor]);
    }

    private static void Write(string folder, string target, string name, byte[] bytes)
    {
        string directory = Path.Combine(folder, target);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, name), bytes);
    }

    private static byte[] Encode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(8, 6, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 8; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 30), (byte)(y * 40), 128, (byte)(255 - x)));
        using SKData data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] SafeTensorsFile(string json, int dataBytes)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }
}
