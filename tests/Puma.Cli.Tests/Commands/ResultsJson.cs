using System.Text.Json;

namespace Puma.Cli.Tests.Commands;

/// <summary>Reads the "puma" run of a results.json written by train or evaluate.</summary>
internal static class ResultsJson
{
    /// <summary>Recall@1 per dataset and unified, as written (JSON text: a number, or null where undefined).</summary>
    public static Dictionary<string, string> PumaRecallAt1(string resultsPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(resultsPath));
        var puma = json.RootElement.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("method").GetString() == "puma");
        var values = puma.GetProperty("datasets").EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("recall_at").GetProperty("1").GetRawText());
        values["unified"] = puma.GetProperty("unified_recall_at").GetProperty("1").GetRawText();
        return values;
    }
}
