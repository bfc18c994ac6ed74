using NUnit.Framework;

namespace Puma.Core.Tests;

/// <summary>Locates the authors'-code reference fixtures in the source tree (tests/Puma.Core.Tests/Fixtures/puma-reference).</summary>
internal static class ReferenceFixtures
{
    private const string RelativeFolder = "tests/Puma.Core.Tests/Fixtures/puma-reference";

    /// <summary>The fixture folder, found by walking up from the test output folder to the repository root.</summary>
    public static string Folder { get; } = Locate();

    /// <summary>The full path of a file in the fixture folder.</summary>
    public static string File(string name) => Path.Combine(Folder, name);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"'{RelativeFolder}' not found above {TestContext.CurrentContext.TestDirectory}.");
    }
}
