using NUnit.Framework;

namespace Puma.Testing;

/// <summary>Paths of the reference fixtures copied next to every test assembly.</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    public static string PumaReference(string file) => Path.Combine(Directory, "puma-reference", file);

    public static string VitReference(string file) => Path.Combine(Directory, "vit-reference", file);
}
