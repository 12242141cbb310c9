namespace SpeedUp.Benchmarks;

/// <summary>Where things are in the checkout the benchmark runs from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Ip2RegionDatabase => Path.Combine(Root, ".data", "ip2region.db");

    public static string TelecomSeed => Path.Combine(Root, "simulators", "data", "china-telecom.json");

    public static string UnicomSeed => Path.Combine(Root, "simulators", "data", "china-unicom.json");

    /// <summary>The configuration this program was built in (the host is built alongside, by the project reference).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    public static string HostAssembly
    {
        get
        {
            var path = Path.Combine(Root, "src", "SpeedUp.Host", "bin", Configuration, "net10.0", "SpeedUp.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build first (dotnet build -c {Configuration}): {path} is missing.");
        }
    }

    /// <summary>Fails with a message naming scripts/setup.sh when a prerequisite is missing.</summary>
    public static void RequireSetup()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            throw new InvalidOperationException("The benchmark needs Linux and root (the SSH front creates a user and runs sshd).");
        }

        foreach (var (path, what) in new[]
        {
            (Ip2RegionDatabase, "ip2region data"), ("/usr/sbin/sshd", "OpenSSH sshd"),
            ("/usr/bin/snmpget", "net-snmp tools"), ("/usr/bin/socat", "socat"),
        })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{what} missing at {path}: run scripts/setup.sh (as root) first.");
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Adapters.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Adapters.sln not found above " + AppContext.BaseDirectory);
    }
}
