using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Puma.Cli.Embeddings;
using Puma.Cli.Training;
using Puma.Models;
using Spectre.Console;
using TorchSharp;

namespace Puma.Cli.Commands;

/// <summary>
/// <c>puma embed</c>: embeds every image under a folder with a trained checkpoint (the evaluation transform, eval mode)
/// and writes the <c>[N, E]</c> float32 matrix as .npy or .safetensors, with the list of files beside it
/// (<see cref="EmbeddingsFile"/>).
/// </summary>
internal static class EmbedCommand
{
    /// <summary>Images per progress step.</summary>
    private const int Chunk = 256;

    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Trainable checkpoint written by 'puma train' (puma-trainable.safetensors).", Required = true };
        var config = new Option<string?>("--config") { Description = $"Training configuration; default: {TrainSettings.FileName} beside the checkpoint." };
        var images = new Option<string>("--images") { Description = "Folder of images (searched recursively: png, jpg, jpeg, bmp, gif, webp).", Required = true };
        var output = new Option<string>("--out") { Description = "Embeddings file to write: .npy or .safetensors; the image list goes to <name>.paths.txt.", DefaultValueFactory = _ => "embeddings.npy" };
        var threads = new Option<int>("--threads") { Description = "Intra-op threads of the model.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var workers = new Option<int>("--workers") { Description = "Background threads decoding images.", DefaultValueFactory = _ => 2 };
        var command = new Command("embed", "Embed a folder of images with a trained PUMA checkpoint into an .npy or .safetensors file.")
        {
            checkpoint, config, images, output, threads, workers,
        };
        command.SetAction((result, ct) => Task.FromResult(Run(CommandConsole.For(result), Path.GetFullPath(result.GetValue(checkpoint)!),
            result.GetValue(config), Path.GetFullPath(result.GetValue(images)!), Path.GetFullPath(result.GetValue(output)!),
            result.GetValue(threads), result.GetValue(workers), ct)));
        return command;
    }

    private static int Run(IAnsiConsole console, string checkpoint, string? config, string folder, string output, int threads, int workers,
        CancellationToken ct)
    {
        EmbeddingsFile.CheckExtension(output, "--out");
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1 (got {threads}).", "--threads");
        if (workers < 1) throw new ArgumentException($"--workers must be at least 1 (got {workers}).", "--workers");
        var files = ImageFiles.Find(folder);
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("puma.embed");
        var clock = Stopwatch.StartNew();
        torch.set_num_threads(threads);
        using var model = TrainedModel.Load(checkpoint, config);
        var pipeline = new ImagePipelineOptions { Threads = workers };
        var values = new float[(long)files.Count * model.EmbeddingDim];
        void EmbedChunk(int start)
        {
            var chunk = files.Skip(start).Take(Chunk).ToArray();
            float[] rows = model.EmbedDataset(ImageFiles.AsDataset(folder, chunk), pipeline, ct);
            rows.CopyTo(values, (long)start * model.EmbeddingDim);
        }

        if (CommandConsole.CanShowProgress(console))
        {
            console.Progress().Start(context =>
            {
                var task = context.AddTask("embedding images", maxValue: files.Count);
                for (int start = 0; start < files.Count; start += Chunk)
                {
                    EmbedChunk(start);
                    task.Increment(Math.Min(Chunk, files.Count - start));
                }
            });
        }
        else
        {
            for (int start = 0; start < files.Count; start += Chunk)
            {
                EmbedChunk(start);
                logger.LogInformation("Embedded {Done}/{Total} images", Math.Min(start + Chunk, files.Count), files.Count);
            }
        }
        new EmbeddingsFile(values, files.Count, model.EmbeddingDim, files).Write(output);
        console.MarkupLine($"{files.Count} embeddings of dim {model.EmbeddingDim} in {clock.Elapsed.TotalSeconds:F1} s: [bold]{Markup.Escape(output)}[/] " +
                           $"(images: {Markup.Escape(EmbeddingsFile.PathsFile(output))})");
        return 0;
    }
}
