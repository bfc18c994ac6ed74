using System.CommandLine;
using System.Globalization;
using Puma.Cli.Embeddings;
using Puma.Cli.Training;
using Puma.Models;
using Spectre.Console;
using TorchSharp;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma search</c>: embeds a query image with the checkpoint that made an embeddings file and prints its K nearest
/// images by cosine similarity (dot product of L2-normalised embeddings) as a table.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var embeddings = new Option<string>("--embeddings") { Description = "Embeddings file written by 'puma embed' (.npy or .safetensors, with its .paths.txt).", Required = true };
        var query = new Option<string>("--query") { Description = "Query image file.", Required = true };
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint the embeddings were made with (puma-trainable.safetensors).", Required = true };
        var config = new Option<string?>("--config") { Description = $"Training configuration; default: {TrainSettings.FileName} beside the checkpoint." };
        var k = new Option<int>("-k", "--top") { Description = "Number of neighbours to show.", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads of the model.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var grid = new Option<string?>("--grid") { Description = "Also write a PNG: the query (blue frame), then the neighbours in rank order." };
        var command = new Command("search", "Find the images of an embeddings file nearest to a query image.")
        {
            embeddings, query, checkpoint, config, k, threads, grid,
        };
        command.SetAction((result, ct) => Task.FromResult(Run(CommandConsole.For(result), Path.GetFullPath(result.GetValue(embeddings)!),
            Path.GetFullPath(result.GetValue(query)!), Path.GetFullPath(result.GetValue(checkpoint)!), result.GetValue(config),
            result.GetValue(k), result.GetValue(threads), result.GetValue(grid) is { } g ? Path.GetFullPath(g) : null, ct)));
        return command;
    }

    private static int Run(IAnsiConsole console, string embeddingsPath, string query, string checkpoint, string? config, int k, int threads,
        string? grid, CancellationToken ct)
    {
        if (k < 1) throw new ArgumentException($"-k must be at least 1 (got {k}).", "-k");
        if (grid is not null && !Path.GetExtension(grid).Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--grid must end in .png (got '{grid}').", "--grid");
        if (!File.Exists(query)) throw new FileNotFoundException($"--query image not found: {query}", query);
        var gallery = EmbeddingsFile.Read(embeddingsPath);
        torch.set_num_threads(Math.Max(1, threads));
        using var model = TrainedModel.Load(checkpoint, config);
        if (model.EmbeddingDim != gallery.Dim)
            throw new InvalidDataException($"{embeddingsPath} holds {gallery.Dim}-d embeddings but {checkpoint} makes {model.EmbeddingDim}-d ones: " +
                                           "use the checkpoint the file was embedded with.");
        float[] q = model.EmbedDataset(ImageFiles.AsDataset(Path.GetDirectoryName(query)!, [query]), new ImagePipelineOptions { Threads = 1 }, ct);
        var neighbours = NearestNeighbours.Top(gallery, q, k);

        var table = new Table().AddColumn("rank").AddColumn("similarity").AddColumn("image");
        table.Title = new TableTitle($"nearest to {Markup.Escape(query)}");
        for (int i = 0; i < neighbours.Count; i++)
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), neighbours[i].Similarity.ToString("F4", CultureInfo.InvariantCulture),
                Markup.Escape(gallery.Paths[neighbours[i].Index]));
        console.Write(table);
        if (grid is not null)
        {
            SearchGrid.Write(grid, query, neighbours.Select(n => gallery.Paths[n.Index]).ToArray());
            console.MarkupLine($"grid: [bold]{Markup.Escape(grid)}[/]");
        }
        return 0;
    }
}
