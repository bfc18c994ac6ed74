using NUnit.Framework;
using TorchSharp;

namespace Puma.Core.Tests;

public class SmokeTests
{
    [Test]
    public void TorchSharpNativeLibraryLoads() => Assert.That(torch.ones(2, 3).sum().item<float>(), Is.EqualTo(6f));
}
