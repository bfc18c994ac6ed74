using NUnit.Framework;
using Puma.Onnx;

namespace Puma.Core.Tests.Onnx;

/// <summary>Decodes ML.NET's ResNet18.onnx; expected values were computed with Python's onnx 1.12 package.</summary>
public class OnnxModelFileTests
{
    private static string ModelPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "models", "ResNet18.onnx");

    [Test]
    public void ResNet18FileDecodesAsPythonOnnxReadsIt()
    {
        OnnxModel model = OnnxModel.Load(ModelPath);
        Assert.That((model.ProducerName, model.ProducerVersion, model.IrVersion), Is.EqualTo(("CNTK", "2.6", 3L)));
        Assert.That(model.OpsetImports, Is.EqualTo(new[] { new OnnxOpsetImport("", 8) }));

        OnnxGraph graph = model.Graph;
        Assert.That(graph.Name, Is.EqualTo("CNTKGraph"));
        Assert.That(graph.Nodes, Has.Count.EqualTo(74));
        Assert.That(graph.Nodes.Count(n => n.OpType == "Conv"), Is.EqualTo(22));
        Assert.That(graph.Nodes.Count(n => n.OpType == "Add"), Is.EqualTo(9));
        Assert.That(graph.Initializers, Has.Count.EqualTo(110));
        Assert.That(graph.Initializers.Sum(t => t.ElementCount), Is.EqualTo(15_908_800));
        Assert.That(graph.Inputs.Single().Name, Is.EqualTo("Input247"));
        Assert.That(graph.Inputs.Single().Shape, Is.EqualTo(new long?[] { 1, 3, 224, 224 }));
        Assert.That(graph.Outputs.Single().Name, Is.EqualTo("Pooling395_Output_0"));

        OnnxNode stem = graph.Nodes[0];
        Assert.That(stem.FindAttribute("pads")!.Ints, Is.EqualTo(new long[] { 3, 3, 2, 2 }));
        Assert.That(stem.FindAttribute("auto_pad")!.S, Is.EqualTo("NOTSET"));
        Assert.That(graph.Nodes[1].FindAttribute("epsilon")!.F, Is.EqualTo(9.999999747378752e-06f));

        float[] stemWeight = graph.FindInitializer("Parameter91")!.ToFloatArray();
        Assert.That(graph.FindInitializer("Parameter91")!.Dims, Is.EqualTo(new long[] { 64, 3, 7, 7 }));
        Assert.That(stemWeight[..3], Is.EqualTo(new[] { -0.020473213866353035f, -0.011778326705098152f, -0.004239605739712715f }));
        Assert.That(stemWeight.Sum(v => (double)v), Is.EqualTo(-0.5832880790886499).Within(1e-9));
        float[] variance = graph.FindInitializer("Constant99")!.ToFloatArray();
        Assert.That(variance[..2], Is.EqualTo(new[] { 2997.018798828125f, 14692.2470703125f }));
        Assert.That(variance.Sum(v => (double)v), Is.EqualTo(726674.6127344621).Within(1e-6));
    }

    [Test]
    public void MissingFileThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => OnnxModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.onnx")));
}
