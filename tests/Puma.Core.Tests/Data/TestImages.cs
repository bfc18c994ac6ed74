using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Puma.Core.Tests.Data;

/// <summary>Writes small test images: PNGs of any colour type by hand, PNG/JPEG through SkiaSharp, EXIF tags.</summary>
internal static class TestImages
{
    /// <summary>Encodes straight-alpha RGBA bytes as a PNG with SkiaSharp.</summary>
    public static byte[] RgbaPng(int width, int height, byte[] rgba) => Encode(width, height, rgba, SKEncodedImageFormat.Png, 100);

    /// <summary>Encodes RGBA bytes (alpha ignored by JPEG) as a JPEG with SkiaSharp.</summary>
    public static byte[] Jpeg(int width, int height, byte[] rgba, int quality = 95) => Encode(width, height, rgba, SKEncodedImageFormat.Jpeg, quality);

    /// <summary>RGBA bytes of a solid colour.</summary>
    public static byte[] Solid(int width, int height, byte r, byte g, byte b, byte a = 255)
    {
        var rgba = new byte[width * height * 4];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (r, g, b, a);
        }
        return rgba;
    }

    /// <summary>
    /// A PNG written byte by byte (no filter, zlib): colour type 0 (gray), 2 (RGB) or 3 (palette) at bit depth
    /// 8 or 16; <paramref name="samples"/> are the raw sample values row by row.
    /// </summary>
    public static byte[] RawPng(int width, int height, int colorType, int bitDepth, int[] samples, byte[]? palette = null, byte[]? transparency = null)
    {
        int channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, _ => throw new ArgumentOutOfRangeException(nameof(colorType)) };
        int bytesPerSample = bitDepth / 8;
        var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (int i = 0; i < width * channels; i++)
            {
                int v = samples[y * width * channels + i];
                if (bytesPerSample == 2)
                {
                    raw.WriteByte((byte)(v >> 8));
                }
                raw.WriteByte((byte)v);
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw.ToArray());
        }
        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colorType;
        WriteChunk(png, "IHDR", header);
        if (palette is not null)
        {
            WriteChunk(png, "PLTE", palette);
        }
        if (transparency is not null)
        {
            WriteChunk(png, "tRNS", transparency);
        }
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A PNG whose header declares <paramref name="width"/>×<paramref name="height"/> gray pixels but whose image data is an
    /// empty zlib stream: a tiny file that claims a huge image (the shape of a decompression bomb).
    /// </summary>
    public static byte[] DeclaredSizePng(int width, int height)
    {
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
        }
        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 segment holding only the Orientation tag right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        var tiff = new byte[]
        {
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,         // big-endian TIFF header, IFD at offset 8
            0, 1,                                            // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0,                                      // no next IFD
        };
        byte[] exif = [.. Encoding.ASCII.GetBytes("Exif\0\0"), .. tiff];
        int length = exif.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string NewTempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "puma-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static byte[] Encode(int width, int height, byte[] rgba, SKEncodedImageFormat format, int quality)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using SKData data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var buffer = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        png.Write(buffer);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32(typeAndData));
        png.Write(buffer);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }
}
