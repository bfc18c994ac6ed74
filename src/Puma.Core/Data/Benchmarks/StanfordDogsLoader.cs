using Puma.Data.Mat;

namespace Puma.Data.Benchmarks;

/// <summary>
/// Stanford Dogs in its official layout: <c>Images/&lt;wnid-breed&gt;/&lt;file&gt;.jpg</c> and the lists of <c>lists.tar</c>:
/// <c>file_list.mat</c> (cell <c>file_list</c> of paths relative to <c>Images/</c>, numeric <c>labels</c>, 1-based), in the
/// folder or in <c>lists/</c>; when it is absent, <c>train_list.mat</c> and <c>test_list.mat</c> (same variables) pooled.
/// Classes are the labels sorted (named by their breed folder); PUMA's split: breeds 1–60 train, 61–120 test.
/// </summary>
public static class StanfordDogsLoader
{
    /// <summary>The dataset name.</summary>
    public const string Name = "Dogs";

    /// <summary>Reads the dataset in <paramref name="folder"/>.</summary>
    /// <inheritdoc cref="CubLoader.Load(string)"/>
    public static BenchmarkDataset Load(string folder)
    {
        folder = BenchmarkFiles.RequireFolder(Name, folder);
        string[] lists;
        string? fileList = BenchmarkFiles.FirstExisting(folder, "file_list.mat", Path.Combine("lists", "file_list.mat"));
        if (fileList is not null)
        {
            lists = [fileList];
        }
        else
        {
            string? train = BenchmarkFiles.FirstExisting(folder, "train_list.mat", Path.Combine("lists", "train_list.mat"));
            string? test = BenchmarkFiles.FirstExisting(folder, "test_list.mat", Path.Combine("lists", "test_list.mat"));
            if (train is null || test is null)
            {
                string expected = Path.Combine(folder, "file_list.mat");
                throw new FileNotFoundException(
                    $"{Name}: the file '{expected}' is missing (also looked in lists/, and for train_list.mat + test_list.mat).", expected);
            }
            lists = [train, test];
        }
        var rows = new List<(string Relative, int Label)>();
        foreach (string list in lists)
        {
            var file = MatFile.Read(list);
            var files = file.Strings("file_list");
            var labels = MatFields.Integers(file, "labels");
            if (files.Count != labels.Length)
            {
                throw new InvalidDataException($"'{list}': file_list has {files.Count} entries but labels has {labels.Length}.");
            }
            for (int i = 0; i < files.Count; i++)
            {
                rows.Add((files[i], labels[i]));
            }
        }
        string listedIn = string.Join(" + ", lists);
        int[] labelIds = rows.Select(r => r.Label).Distinct().Order().ToArray();
        var index = labelIds.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var breeds = new string?[labelIds.Length];
        var items = new List<SplitBuilder.Item>(rows.Count);
        foreach (var (relative, label) in rows)
        {
            int c = index[label];
            string breed = relative.Replace('\\', '/').Split('/')[0];
            if (breeds[c] is null)
            {
                breeds[c] = breed;
            }
            else if (breeds[c] != breed)
            {
                throw new InvalidDataException($"{Name}: the label {label} is given to images of both '{breeds[c]}' and '{breed}' ({listedIn}).");
            }
            items.Add(new SplitBuilder.Item(Path.Combine(folder, "Images", relative), c));
        }
        return SplitBuilder.FirstHalfTrains(Name, folder, breeds.Select(b => b!).ToArray(), items, listedIn);
    }
}
