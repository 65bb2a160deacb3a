namespace ScalingAdvisor.Tests.Models;

/// <summary>
/// The released <c>config.json</c> files stored under <c>Models/Fixtures/</c>, named by Hugging Face repository id with
/// <c>/</c> written <c>--</c> (<c>Qwen--Qwen3-30B-A3B.config.json</c>); Fixtures/README.md gives each one's source.
/// </summary>
internal static class ConfigFixtures
{
    /// <summary>The fixture's path for a repository id such as <c>Qwen/Qwen3-30B-A3B</c>.</summary>
    public static string PathOf(string repositoryId)
        => Path.Combine(Directory(), repositoryId.Replace("/", "--", StringComparison.Ordinal) + ".config.json");

    private static string Directory()
    {
        // The fixtures are read from the source tree (not copied to the output), found from the test assembly upwards.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "ScalingAdvisor.Tests", "Models", "Fixtures");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/ScalingAdvisor.Tests/Models/Fixtures was not found above " + AppContext.BaseDirectory);
    }
}
