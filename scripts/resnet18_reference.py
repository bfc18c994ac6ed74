#!/usr/bin/python3
"""Independent float64 reference for the CNTK ResNet-18 of Microsoft.ML.DnnImageFeaturizer.ResNet18.

Executes the ONNX graph node by node with PyTorch (Debian's python3-torch, python3-onnx), recomputing CNTK's
"same" padding for the actual input size (total = max((ceil(n/s)-1)*s + k - n, 0), larger half first) and
resizing the mean image by area averaging. Prints the values asserted by
tests/Puma.Core.Tests/Backbones/ResNet/CntkResNet18ParityTests.cs (MatchesThePythonReferenceAtOtherSizes).

usage: scripts/resnet18_reference.py MODELS_DIR   (the folder holding ResNet18.onnx and ResNetPreprocess.onnx,
       e.g. tests/Puma.Core.Tests/bin/Release/net10.0/models after a build)
"""
import math
import sys

import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def same_pads(size, kernel, stride):
    total = max((math.ceil(size / stride) - 1) * stride + kernel - size, 0)
    return (total + 1) // 2, total // 2


def pad_input(x, kernel, stride, value):
    top, bottom = same_pads(x.shape[2], kernel[0], stride[0])
    left, right = same_pads(x.shape[3], kernel[1], stride[1])
    return F.pad(x, (left, right, top, bottom), value=value)


def attributes(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def run(graph, x):
    weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()).double() for t in graph.initializer}
    values = {graph.input[0].name: x}
    adds = 0
    stage3 = None
    for node in graph.node:
        a = attributes(node)
        inputs = [values[i] if i in values else weights[i] for i in node.input]
        if node.op_type == "Conv":
            k, s = a["kernel_shape"], a["strides"]
            y = F.conv2d(pad_input(inputs[0], k, s, 0.0), inputs[1], inputs[2] if len(inputs) > 2 else None, stride=s)
        elif node.op_type == "BatchNormalization":
            data, scale, bias, mean, var = inputs
            y = F.batch_norm(data, mean, var, scale, bias, training=False, eps=a["epsilon"])
        elif node.op_type == "Relu":
            y = torch.relu(inputs[0])
            if adds == 6 and stage3 is None and node.input[0].startswith("Plus"):
                stage3 = y  # end of the sixth residual block: blocks per stage are [2, 2, 2, 3]
        elif node.op_type == "Add":
            adds += 1
            y = inputs[0] + inputs[1]
        elif node.op_type == "MaxPool":
            k, s = a["kernel_shape"], a["strides"]
            y = F.max_pool2d(pad_input(inputs[0], k, s, -math.inf), k, s)
        elif node.op_type == "AveragePool":
            y = inputs[0].mean(dim=(2, 3), keepdim=True)  # global average at any input size
        else:
            raise ValueError(f"unexpected op {node.op_type}")
        values[node.output[0]] = y
    return stage3, values[graph.output[0].name].flatten(1)


def pattern(batch, height, width):
    b, c, h, w = torch.meshgrid(torch.arange(batch), torch.arange(3), torch.arange(height), torch.arange(width), indexing="ij")
    return ((97 * b + 57 * c + 13 * h + 7 * w) % 256).double()


def main(models):
    network = onnx.load(f"{models}/ResNet18.onnx").graph
    prep = onnx.load(f"{models}/ResNetPreprocess.onnx").graph
    mean = torch.from_numpy(numpy_helper.to_array(prep.initializer[0]).copy()).double()  # [1, 3, 224, 224], BGR
    for height, width in [(112, 112), (100, 130)]:
        rgb = pattern(1, height, width)
        bgr = rgb.flip(1) - F.adaptive_avg_pool2d(mean, (height, width))
        with torch.no_grad():
            stage3, pooled = run(network, bgr)
        print(f"{height}x{width}: stage3 {list(stage3.shape)} sum {stage3.sum().item()!r}")
        print(f"  stage3[0, 0:4, 0, 0] = {stage3[0, 0:4, 0, 0].tolist()}")
        print(f"  pooled[0, 0:6] = {pooled[0, 0:6].tolist()}, pooled sum {pooled.sum().item()!r}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/Puma.Core.Tests/bin/Release/net10.0/models")
