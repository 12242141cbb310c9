namespace SpeedUp.Testing;

/// <summary>Where things are in the checkout the tests and benchmarks run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Ip2RegionDatabase => Path.Combine(Root, ".data", "ip2region.db");

    public static string TelecomSeed => Path.Combine(Root, "simulators", "data", "china-telecom.json");

    public static string UnicomSeed => Path.Combine(Root, "simulators", "data", "china-unicom.json");

    /// <summary>The configuration this code was built in; the host is built alongside by the project reference.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    /// <summary>The service's entry assembly, built by the project reference in the same configuration.</summary>
    public static string HostAssembly
    {
        get
        {
            var path = Path.Combine(Root, "src", "SpeedUp.Host", "bin", Configuration, "net10.0", "SpeedUp.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.");
        }
    }

    /// <summary>The admin command-line tool (<c>speedup-admin</c>), built by the end-to-end tests' project reference in the same configuration.</summary>
    public static string AdminCliAssembly
    {
        get
        {
            var path = Path.Combine(Root, "src", "SpeedUp.Admin.Cli", "bin", Configuration, "net10.0", "speedup-admin.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.");
        }
    }

    /// <summary>Fails (never skips) when a tool a test needs is missing.</summary>
    public static void RequireTool(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"'{path}' is missing: run scripts/setup.sh as root (installs openssh-server, snmp, snmpd, socat).");
        }
    }

    public static void RequireSetup()
    {
        foreach (var (path, what) in new[] { (Ip2RegionDatabase, "ip2region data"), ("/usr/sbin/sshd", "OpenSSH sshd"), ("/usr/bin/snmpget", "net-snmp tools"), ("/usr/bin/socat", "socat") })
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
