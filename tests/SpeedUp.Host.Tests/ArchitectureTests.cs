using System.Xml.Linq;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests;

/// <summary>
/// The dependency rules of docs/architecture.md, checked on the repository itself: protocol libraries stand alone, the
/// domain catches no channel fault, the scheduler knows no protocol or driver, and every project has its test project.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] ProjectFolders = ["src", "drivers", "simulators"];

    private static readonly Dictionary<string, string[]> Rules = new(StringComparer.Ordinal)
    {
        { "SpeedUp.Protocols.Cli", [] },
        { "SpeedUp.Protocols.Snmp", [] },
        { "SpeedUp.Protocols.Radius", [] },
        { "SpeedUp.Drivers.Sdk", [] },
        { "SpeedUp.Signing", [] },
        { "SpeedUp.Core", ["SpeedUp.Drivers.Sdk"] },
        { "SpeedUp.Scheduler", ["SpeedUp.Core"] },
        { "SpeedUp.Storage.Sqlite", ["SpeedUp.Core"] },
        { "SpeedUp.Storage.Postgres", ["SpeedUp.Core"] },
        { "SpeedUp.Location", ["SpeedUp.Core"] },
        { "SpeedUp.Drivers.Conformance", ["SpeedUp.Drivers.Sdk"] },

        // The engineer's conformance command: the kit, the dialect-file driver and the simulator that stands in for the device.
        { "SpeedUp.Drivers.Conformance.Runner", ["SpeedUp.Drivers.Sdk", "SpeedUp.Drivers.Conformance", "SpeedUp.Drivers.Cli", "SpeedUp.Simulator"] },
        { "SpeedUp.Drivers.Cli", ["SpeedUp.Drivers.Sdk", "SpeedUp.Protocols.Cli"] },
        { "SpeedUp.Drivers.Huawei", ["SpeedUp.Drivers.Sdk", "SpeedUp.Drivers.Cli"] },
        { "SpeedUp.Drivers.Zte", ["SpeedUp.Drivers.Sdk", "SpeedUp.Drivers.Cli", "SpeedUp.Protocols.Snmp"] },
        { "SpeedUp.Drivers.Coa", ["SpeedUp.Drivers.Sdk", "SpeedUp.Protocols.Radius", "SpeedUp.Drivers.Huawei", "SpeedUp.Drivers.Zte"] },
        { "SpeedUp.Simulator", ["SpeedUp.Protocols.Snmp", "SpeedUp.Protocols.Radius"] },

        // The operator's tool is a client like any third party's: the public .proto files and the signing library only.
        { "SpeedUp.Admin.Cli", ["SpeedUp.Signing"] },

        // So is the operator console the host serves: it reaches the service through the signed admin gRPC APIs only.
        { "SpeedUp.OperatorConsole", ["SpeedUp.Signing"] },
    };

    public static TheoryData<string, string[]> AllowedReferences => new(Rules.Select(rule => (rule.Key, rule.Value)));

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void ProjectReferences_OfALayer_OnlyPointDownTheLayers(string project, string[] allowed)
    {
        var references = ReferencesOf(Projects().Single(p => Path.GetFileNameWithoutExtension(p) == project));

        Assert.All(references, reference => Assert.Contains(reference, allowed));
    }

    [Fact]
    public void ProjectReferences_EveryProject_HasItsRuleHere()
    {
        var ruled = Rules.Keys.Append("SpeedUp.Host").ToHashSet(StringComparer.Ordinal);

        Assert.All(Projects(), project => Assert.Contains(Path.GetFileNameWithoutExtension(project), ruled));
    }

    [Fact]
    public void TestProjects_EveryProject_HasItsMirroredTestProject()
    {
        var missing = Projects()
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !File.Exists(Path.Combine(RepositoryPaths.Root, "tests", name + ".Tests", name + ".Tests.csproj")))
            .ToArray();

        Assert.Empty(missing);
    }

    [Fact]
    public void Core_Sources_CatchNoDriverFailure()
    {
        var offending = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "SpeedUp.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path).Contains("DriverException", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path))
            .ToArray();

        Assert.Empty(offending); // failover is the scheduler's (ISupplyScheduler.RunAsync)
    }

    [Fact]
    public void Solution_EveryProject_IsInIt()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Adapters.sln"));
        var projects = Projects().Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Contains("node_modules", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('/', '\\'));

        Assert.All(projects, project => Assert.Contains(project, solution, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Projects() =>
        ProjectFolders
            .SelectMany(folder => Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, folder)))
            .Select(directory => Path.Combine(directory, Path.GetFileName(directory) + ".csproj"))
            .Where(File.Exists);

    private static string[] ReferencesOf(string project) =>
        [.. XDocument.Load(project).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value))];
}
