using Puma.Onnx;

namespace Puma.Backbones.ResNet;

/// <summary>
/// Reads the mean image of ML.NET's <c>ResNetPreprocess.onnx</c>, whose graph is
/// <c>Split(input, axis 1) → Concat(B, G, R) → Sub(·, MeanImage)</c>. The mean is therefore in BGR order.
/// </summary>
internal static class CntkMeanImageReader
{
    /// <summary>File name of the preprocessing graph in ML.NET's DnnImageFeaturizer packages.</summary>
    public const string FileName = "ResNetPreprocess.onnx";

    public static (float[] MeanBgr, int Height, int Width) Read(string path)
    {
        OnnxGraph graph = OnnxModel.Load(path).Graph;
        if (graph.Outputs.Count != 1
            || FindProducer(graph, graph.Outputs[0].Name) is not { OpType: "Sub", Inputs.Count: 2 } sub
            || FindProducer(graph, sub.Inputs[0]) is not { OpType: "Concat", Inputs.Count: 3 } concat
            || FindProducer(graph, concat.Inputs[0]) is not { OpType: "Split", Outputs.Count: 3 } split
            || !concat.Inputs.SequenceEqual(split.Outputs.Reverse())
            || split.FindAttribute("axis")?.I != 1
            || concat.FindAttribute("axis")?.I != 1
            || graph.FindInitializer(sub.Inputs[1]) is not { } mean)
        {
            throw new InvalidDataException(
                $"Unexpected preprocessing graph in {path}: expected Split(axis 1) → Concat(B, G, R) → Sub(mean image).");
        }

        IReadOnlyList<long> dims = mean.Dims;
        if (dims.Count != 4 || dims[0] != 1 || dims[1] != 3 || dims[2] is < 1 or > 8192 || dims[3] is < 1 or > 8192)
        {
            throw new InvalidDataException(
                $"Unexpected mean image '{mean.Name}' in {path}: shape [{string.Join(",", dims)}], expected [1,3,H,W].");
        }

        try
        {
            return (ResNetGraphReader.FiniteValues(mean), (int)dims[2], (int)dims[3]);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The preprocessing file next to <paramref name="onnxPath"/>, or in the ML.NET package layout
    /// (<c>ResNet18Onnx/../ResNetPrepOnnx/</c>); null if neither exists.
    /// </summary>
    public static string? FindBeside(string onnxPath)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(onnxPath)) ?? ".";
        string[] candidates =
        [
            Path.Combine(directory, FileName),
            Path.GetFullPath(Path.Combine(directory, "..", "ResNetPrepOnnx", FileName)),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static OnnxNode? FindProducer(OnnxGraph graph, string value) =>
        graph.Nodes.FirstOrDefault(n => n.Outputs.Contains(value));
}
