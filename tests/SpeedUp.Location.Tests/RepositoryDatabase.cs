using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

/// <summary>The real ip2region database at <c>&lt;repo root&gt;/.data/ip2region.db</c>, loaded once.</summary>
internal static class RepositoryDatabase
{
    private static readonly Lazy<Ip2RegionDatabase> Loaded = new(() => Ip2RegionDatabase.Load(Path));

    /// <summary>Full path of the database; fails the test when it is missing.</summary>
    public static string Path
    {
        get
        {
            var path = System.IO.Path.Combine(FindRepositoryRoot(), ".data", "ip2region.db");
            if (!File.Exists(path))
            {
                Assert.Fail($"The ip2region database '{path}' is missing: run scripts/setup.sh first.");
            }

            return path;
        }
    }

    /// <summary>The loaded database.</summary>
    public static Ip2RegionDatabase Database => Loaded.Value;

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Adapters.sln")))
            {
                return directory.FullName;
            }
        }

        Assert.Fail($"No folder containing Adapters.sln above '{AppContext.BaseDirectory}'.");
        return "";
    }
}
