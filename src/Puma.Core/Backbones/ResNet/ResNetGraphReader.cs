using Puma.Onnx;

namespace Puma.Backbones.ResNet;

/// <summary>
/// Recognises a CNTK-exported ResNet in an ONNX graph by walking back from its output:
/// <c>AveragePool ← Relu ← Add ← … blocks … ← MaxPool ← Relu ← BatchNormalization ← Conv ← input</c>.
/// Anything else (other operators, extra nodes, grouped or dilated convolutions, pads that do not follow
/// <see cref="CntkSamePadding"/> at the declared input size) is rejected with <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class ResNetGraphReader
{
    private readonly OnnxGraph _graph;
    private readonly Dictionary<string, OnnxNode> _producers = [];
    private readonly Dictionary<string, OnnxTensor> _initializers = [];

    private ResNetGraphReader(OnnxGraph graph)
    {
        _graph = graph;
        foreach (OnnxTensor tensor in graph.Initializers)
        {
            _initializers[tensor.Name] = tensor;
        }

        foreach (OnnxNode node in graph.Nodes)
        {
            foreach (string output in node.Outputs)
            {
                if (!_producers.TryAdd(output, node))
                {
                    throw Unexpected($"value '{output}' is produced by more than one node");
                }
            }
        }
    }

    /// <summary>Reads the network description from <paramref name="model"/>.</summary>
    public static ResNetSpec Read(OnnxModel model) => new ResNetGraphReader(model.Graph).ReadSpec();

    private ResNetSpec ReadSpec()
    {
        OnnxValueInfo input = SingleGraphInput();
        if (_graph.Outputs.Count != 1)
        {
            throw Unexpected($"expected one graph output, found {_graph.Outputs.Count}");
        }

        OnnxNode averagePool = Producer(_graph.Outputs[0].Name, "AveragePool");
        var blocks = new List<BasicBlockSpec>();
        string value = averagePool.Inputs[0];
        OnnxNode node = Producer(value, "Relu or MaxPool");
        while (node.OpType == "Relu" && FirstInputProducer(node) is { OpType: "Add" } add)
        {
            (BasicBlockSpec block, string blockInput) = ReadBlock(add);
            blocks.Add(block);
            node = Producer(blockInput, "Relu or MaxPool");
        }

        blocks.Reverse();
        MaxPoolSpec maxPool = ReadMaxPool(Expect(node, "MaxPool"));
        OnnxNode stemRelu = Producer(node.Inputs[0], "Relu");
        ConvBnSpec stem = ReadConvBn(Producer(stemRelu.Inputs[0], "BatchNormalization"), out string stemInput);
        if (stemInput != input.Name)
        {
            throw Unexpected($"the stem convolution reads '{stemInput}', not the graph input '{input.Name}'");
        }

        int expectedNodes = 4 + 1 + blocks.Sum(b => b.Downsample is null ? 7 : 9);
        if (expectedNodes != _graph.Nodes.Count)
        {
            throw Unexpected($"the graph has {_graph.Nodes.Count} nodes, but the recognised ResNet uses {expectedNodes}");
        }

        var spec = new ResNetSpec(stem, maxPool, GroupIntoStages(blocks), input.Name, DeclaredSize(input));
        CheckAgainstDeclaredSize(spec, averagePool);
        return spec;
    }

    private OnnxValueInfo SingleGraphInput()
    {
        // Old IR versions also list initializers as graph inputs.
        var inputs = _graph.Inputs.Where(i => !_initializers.ContainsKey(i.Name)).ToList();
        return inputs.Count == 1
            ? inputs[0]
            : throw Unexpected($"expected one image input, found {inputs.Count}");
    }

    private (BasicBlockSpec Block, string Input) ReadBlock(OnnxNode add)
    {
        if (add.Inputs.Count != 2)
        {
            throw Unexpected($"Add '{add.Outputs[0]}' has {add.Inputs.Count} inputs");
        }

        for (int main = 0; main < 2; main++)
        {
            if (TryReadMainBranch(add.Inputs[main], out ConvBnSpec? conv1, out ConvBnSpec? conv2, out string blockInput))
            {
                string shortcut = add.Inputs[1 - main];
                if (shortcut == blockInput)
                {
                    return (new BasicBlockSpec(conv1!, conv2!, null), blockInput);
                }

                if (ProducerOrNull(shortcut) is { OpType: "BatchNormalization" } bn)
                {
                    ConvBnSpec downsample = ReadConvBn(bn, out string downsampleInput);
                    if (downsampleInput == blockInput)
                    {
                        return (new BasicBlockSpec(conv1!, conv2!, downsample), blockInput);
                    }
                }
            }
        }

        throw Unexpected($"Add '{add.Outputs[0]}' is not a residual block (conv-bn-relu-conv-bn plus identity or conv-bn shortcut)");
    }

    private bool TryReadMainBranch(string value, out ConvBnSpec? conv1, out ConvBnSpec? conv2, out string blockInput)
    {
        conv1 = conv2 = null;
        blockInput = "";
        if (ProducerOrNull(value) is not { OpType: "BatchNormalization" } bn2
            || FirstInputProducer(bn2) is not { OpType: "Conv" } c2
            || FirstInputProducer(c2) is not { OpType: "Relu" } relu
            || FirstInputProducer(relu) is not { OpType: "BatchNormalization" } bn1
            || FirstInputProducer(bn1) is not { OpType: "Conv" })
        {
            return false;
        }

        conv2 = ReadConvBn(bn2, out _);
        conv1 = ReadConvBn(bn1, out blockInput);
        return true;
    }

    private ConvBnSpec ReadConvBn(OnnxNode bn, out string convInput)
    {
        OnnxNode conv = Producer(bn.Inputs[0], "Conv");
        string name = conv.Outputs[0];
        if (conv.Inputs.Count is < 2 or > 3)
        {
            throw Unexpected($"Conv '{name}' has {conv.Inputs.Count} inputs");
        }

        if (IntAttribute(conv, "group", 1) != 1 || Ints(conv, "dilations").Any(d => d != 1))
        {
            throw Unexpected($"Conv '{name}' is grouped or dilated");
        }

        OnnxTensor weightTensor = Initializer(conv.Inputs[1], name);
        if (weightTensor.Dims.Count != 4)
        {
            throw Unexpected($"Conv '{name}' weight has shape [{string.Join(",", weightTensor.Dims)}], expected 4-d");
        }

        int outChannels = Dim(weightTensor, 0), inChannels = Dim(weightTensor, 1);
        (int, int) kernel = (Dim(weightTensor, 2), Dim(weightTensor, 3));
        long[] kernelShape = Ints(conv, "kernel_shape");
        if (kernelShape.Length != 0 && (kernelShape.Length != 2 || kernelShape[0] != kernel.Item1 || kernelShape[1] != kernel.Item2))
        {
            throw Unexpected($"Conv '{name}' kernel_shape [{string.Join(",", kernelShape)}] does not match its weight");
        }

        float[]? bias = conv.Inputs.Count == 3 ? Vector(conv.Inputs[2], outChannels, name) : null;
        convInput = conv.Inputs[0];
        return new ConvBnSpec(
            name, FiniteValues(weightTensor), bias, outChannels, inChannels, kernel, Pair(conv, "strides"), Pads(conv),
            ReadBatchNorm(bn, outChannels));
    }

    private BatchNormSpec ReadBatchNorm(OnnxNode bn, int channels)
    {
        string name = bn.Outputs[0];
        if (bn.Inputs.Count != 5 || bn.Outputs.Count < 1)
        {
            throw Unexpected($"BatchNormalization '{name}' has {bn.Inputs.Count} inputs, expected 5");
        }

        if (IntAttribute(bn, "spatial", 1) != 1)
        {
            throw Unexpected($"BatchNormalization '{name}' is not spatial");
        }

        double epsilon = bn.FindAttribute("epsilon")?.F ?? 1e-5f;
        if (!(epsilon >= 0))
        {
            throw Unexpected($"BatchNormalization '{name}' has epsilon {epsilon}");
        }

        return new BatchNormSpec(
            Vector(bn.Inputs[1], channels, name),
            Vector(bn.Inputs[2], channels, name),
            Vector(bn.Inputs[3], channels, name),
            Vector(bn.Inputs[4], channels, name),
            epsilon);
    }

    private MaxPoolSpec ReadMaxPool(OnnxNode pool)
    {
        string name = pool.Outputs[0];
        if (IntAttribute(pool, "ceil_mode", 0) != 0 || Ints(pool, "dilations").Any(d => d != 1))
        {
            throw Unexpected($"MaxPool '{name}' uses ceil_mode or dilation");
        }

        return new MaxPoolSpec(name, Pair(pool, "kernel_shape"), Pair(pool, "strides"), Pads(pool));
    }

    private static List<IReadOnlyList<BasicBlockSpec>> GroupIntoStages(List<BasicBlockSpec> blocks)
    {
        var stages = new List<IReadOnlyList<BasicBlockSpec>>();
        foreach (BasicBlockSpec block in blocks)
        {
            if (stages.Count == 0 || stages[^1][^1].Conv2.OutChannels != block.Conv2.OutChannels)
            {
                stages.Add(new List<BasicBlockSpec>());
            }

            ((List<BasicBlockSpec>)stages[^1]).Add(block);
        }

        if (stages.Count != 4)
        {
            throw Unexpected($"expected 4 stages of residual blocks, found {stages.Count}");
        }

        return stages;
    }

    /// <summary>
    /// Walks the declared input size through the network: channels must chain, identity shortcuts must keep the shape,
    /// the file's static pads must equal <see cref="CntkSamePadding"/>, and the average pool must cover the whole final map.
    /// </summary>
    private static void CheckAgainstDeclaredSize(ResNetSpec spec, OnnxNode averagePool)
    {
        int channels = 3;
        (int H, int W)? size = spec.DeclaredSize;
        size = CheckConv(spec.Stem, ref channels, size);
        size = CheckPads(spec.MaxPool.Name, spec.MaxPool.Kernel, spec.MaxPool.Stride, spec.MaxPool.FilePads, size);
        foreach (BasicBlockSpec block in spec.Stages.SelectMany(s => s))
        {
            int blockChannels = channels;
            (int H, int W)? blockSize = size;
            size = CheckConv(block.Conv1, ref channels, size);
            size = CheckConv(block.Conv2, ref channels, size);
            if (block.Downsample is null)
            {
                if (channels != blockChannels || block.Conv1.Stride != (1, 1) || block.Conv2.Stride != (1, 1))
                {
                    throw Unexpected($"block '{block.Conv2.Name}' has an identity shortcut but changes the shape");
                }
            }
            else if (CheckConv(block.Downsample, ref blockChannels, blockSize) != size || blockChannels != channels)
            {
                throw Unexpected($"block '{block.Conv2.Name}': shortcut and main branch shapes differ");
            }
        }

        (int, int) poolKernel = Pair(averagePool, "kernel_shape");
        if (size is { } final && poolKernel != final)
        {
            throw Unexpected($"AveragePool kernel {poolKernel} does not cover the final {final.H}x{final.W} map");
        }
    }

    private static (int H, int W)? CheckConv(ConvBnSpec conv, ref int channels, (int H, int W)? size)
    {
        if (conv.InChannels != channels)
        {
            throw Unexpected($"Conv '{conv.Name}' expects {conv.InChannels} input channels, but receives {channels}");
        }

        channels = conv.OutChannels;
        return CheckPads(conv.Name, conv.Kernel, conv.Stride, conv.FilePads, size);
    }

    private static (int H, int W)? CheckPads(string name, (int H, int W) kernel, (int H, int W) stride, long[] filePads, (int H, int W)? size)
    {
        if (size is not { } s)
        {
            return null;
        }

        (int top, int bottom) = CntkSamePadding.Compute(s.H, kernel.H, stride.H);
        (int left, int right) = CntkSamePadding.Compute(s.W, kernel.W, stride.W);
        if (filePads[0] != top || filePads[1] != left || filePads[2] != bottom || filePads[3] != right)
        {
            throw Unexpected(
                $"'{name}' pads [{string.Join(",", filePads)}] at {s.H}x{s.W} are not CNTK same padding [{top},{left},{bottom},{right}]");
        }

        return (CntkSamePadding.OutputSize(s.H, stride.H), CntkSamePadding.OutputSize(s.W, stride.W));
    }

    private static (int H, int W)? DeclaredSize(OnnxValueInfo input)
    {
        if (input.Shape.Count != 4 || (input.Shape[1] is { } c && c != 3))
        {
            throw Unexpected($"input '{input.Name}' is not an NCHW image with 3 channels");
        }

        return input.Shape[2] is { } h and > 0 and <= int.MaxValue && input.Shape[3] is { } w and > 0 and <= int.MaxValue
            ? ((int)h, (int)w)
            : null;
    }

    private OnnxNode? ProducerOrNull(string value) => _producers.GetValueOrDefault(value);

    private OnnxNode? FirstInputProducer(OnnxNode node) => node.Inputs.Count > 0 ? ProducerOrNull(node.Inputs[0]) : null;

    private OnnxNode Producer(string value, string expected)
    {
        OnnxNode? node = ProducerOrNull(value);
        return node is null
            ? throw Unexpected($"expected {expected} producing '{value}', found a graph input or constant")
            : Expect(node, expected);
    }

    private static OnnxNode Expect(OnnxNode node, string expected)
    {
        if (!expected.Split(" or ").Contains(node.OpType))
        {
            throw Unexpected($"expected {expected} producing '{node.Outputs[0]}', found {node.OpType}");
        }

        return node.Inputs.Count == 0 ? throw Unexpected($"{node.OpType} '{node.Outputs[0]}' has no input") : node;
    }

    private OnnxTensor Initializer(string name, string user) =>
        _initializers.TryGetValue(name, out OnnxTensor? tensor)
            ? tensor
            : throw Unexpected($"'{user}' reads '{name}', which is not a constant initializer");

    private float[] Vector(string name, int length, string user)
    {
        OnnxTensor tensor = Initializer(name, user);
        float[] values = FiniteValues(tensor);
        return values.Length == length
            ? values
            : throw Unexpected($"'{user}' parameter '{name}' has {values.Length} values, expected {length}");
    }

    /// <summary>The values of a weight initializer; NaN or ±∞ are refused by the initializer's name.</summary>
    internal static float[] FiniteValues(OnnxTensor tensor)
    {
        float[] values = tensor.ToFloatArray();
        int bad = Array.FindIndex(values, v => !float.IsFinite(v));
        return bad < 0
            ? values
            : throw new InvalidDataException(
                $"Initializer '{tensor.Name}' holds {values.Count(v => !float.IsFinite(v))} non-finite value(s), first {values[bad]} at flat index {bad}.");
    }

    private static int Dim(OnnxTensor tensor, int axis) =>
        tensor.Dims[axis] is > 0 and <= int.MaxValue
            ? (int)tensor.Dims[axis]
            : throw Unexpected($"tensor '{tensor.Name}' has dimension {tensor.Dims[axis]}");

    private static long[] Ints(OnnxNode node, string name) => node.FindAttribute(name)?.Ints.ToArray() ?? [];

    private static long IntAttribute(OnnxNode node, string name, long fallback) => node.FindAttribute(name)?.I ?? fallback;

    private static (int H, int W) Pair(OnnxNode node, string name)
    {
        long[] values = Ints(node, name);
        return values.Length == 2 && values.All(v => v is > 0 and <= 1024)
            ? ((int)values[0], (int)values[1])
            : throw Unexpected($"{node.OpType} '{node.Outputs[0]}' has {name} [{string.Join(",", values)}], expected two positive values");
    }

    private static long[] Pads(OnnxNode node)
    {
        long[] pads = Ints(node, "pads");
        return pads.Length switch
        {
            0 => [0, 0, 0, 0],
            4 => pads,
            _ => throw Unexpected($"{node.OpType} '{node.Outputs[0]}' has {pads.Length} pads, expected 4"),
        };
    }

    private static InvalidDataException Unexpected(string detail) =>
        new($"Unexpected graph for a CNTK ResNet: {detail}.");
}
