namespace SpeedUp.Drivers.Conformance.Tests.Targets;

/// <summary>Repository paths (seeds, committed fixtures), found from the test output directory.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string TelecomSeed => Path.Combine(Root, "simulators", "data", "china-telecom.json");

    public static string UnicomSeed => Path.Combine(Root, "simulators", "data", "china-unicom.json");

    /// <summary>The committed fixtures (in the source tree, so a re-record lands where git sees it).</summary>
    public static string FixturesDirectory => Path.Combine(Root, "tests", "SpeedUp.Drivers.Conformance.Tests", "Fixtures");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Adapters.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Adapters.sln not found above " + AppContext.BaseDirectory);
    }
}
