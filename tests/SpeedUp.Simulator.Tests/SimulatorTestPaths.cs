namespace SpeedUp.Simulator.Tests;

/// <summary>Locates repository files (seeds, launcher config) from the test output directory.</summary>
internal static class SimulatorTestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TelecomSeed => Path.Combine(RepositoryRoot, "simulators", "data", "china-telecom.json");

    public static string UnicomSeed => Path.Combine(RepositoryRoot, "simulators", "data", "china-unicom.json");

    public static string LauncherConfig => Path.Combine(RepositoryRoot, "simulators", "simulators.json");

    /// <summary>Fails (never skips) when a tool an interop test needs is missing.</summary>
    public static void RequireTool(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Fail($"'{path}' is missing: run scripts/setup.sh as root (installs openssh-server, snmp, snmpd, socat).");
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
