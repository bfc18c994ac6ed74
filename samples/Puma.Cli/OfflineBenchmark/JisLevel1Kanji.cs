using System.Text;

namespace Puma.Cli.OfflineBenchmark;

/// <summary>
/// The 2,965 level-1 kanji of JIS X 0208 (rows 16–47; row 47 ends at cell 51), in JIS order, obtained by
/// decoding every EUC-JP code 0xB0A1–0xCFD3 with .NET's code-page encodings (no data file needed).
/// </summary>
internal static class JisLevel1Kanji
{
    /// <summary>Every level-1 kanji as a one-character string.</summary>
    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding eucJp = Encoding.GetEncoding("euc-jp", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var kanji = new List<string>(2965);
        for (int row = 16; row <= 47; row++)
        {
            int lastCell = row == 47 ? 51 : 94;
            for (int cell = 1; cell <= lastCell; cell++)
            {
                kanji.Add(eucJp.GetString([(byte)(0xA0 + row), (byte)(0xA0 + cell)]));
            }
        }
        return kanji;
    }
}
