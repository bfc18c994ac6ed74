using Puma.Testing;

namespace Puma.Cli.Tests.Commands;

/// <summary>A tiny benchmark folder <c>root/set{d}/{train,test}/pattern{c}/*.png</c> of 32×32 stripe patterns (<see cref="SyntheticImages"/>).</summary>
internal static class TinyImageBenchmark
{
    public static string Create(string root, int datasets = 2, int classes = 3, int trainImages = 4, int testImages = 3)
    {
        for (int d = 0; d < datasets; d++)
        {
            SyntheticImages.WriteFolder(Path.Combine(root, $"set{d}"), "train", classes, trainImages, seed: 10 + d, firstPattern: d * classes);
            SyntheticImages.WriteFolder(Path.Combine(root, $"set{d}"), "test", classes, testImages, seed: 20 + d, firstPattern: d * classes);
        }
        return root;
    }
}
