namespace SpeedUp.Simulator;

/// <summary>One network of simulators.json or of a network file. Relative paths are resolved against the directory of the file it is in.</summary>
public sealed class LauncherNetworkConfig
{
    /// <summary>Short name, e.g. "china-telecom" ([a-z0-9-]).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Seed JSON file.</summary>
    public string SeedFile { get; set; } = string.Empty;

    /// <summary>Overrides the seed's hostname.</summary>
    public string? Hostname { get; set; }

    /// <summary>UDP port of the SNMP agent on 127.0.0.1.</summary>
    public int SnmpPort { get; set; }

    public string ReadCommunity { get; set; } = "public";

    public string WriteCommunity { get; set; } = "private";

    /// <summary>SNMPv3 users of the agent (none by default: SNMPv3 off).</summary>
    public List<LauncherSnmpUserConfig> SnmpUsers { get; set; } = [];

    /// <summary>UDP port of the RADIUS CoA face on 127.0.0.1; null = no CoA face.</summary>
    public int? CoaPort { get; set; }

    /// <summary>The CoA face's shared secret (required with <see cref="CoaPort"/>).</summary>
    public string? CoaSecret { get; set; }

    /// <summary>TCP port of sshd on 127.0.0.1; null = no SSH front.</summary>
    public int? SshPort { get; set; }

    public string SshUser { get; set; } = SshFrontOptions.DefaultUser;

    public string SshPassword { get; set; } = SshFrontOptions.DefaultPassword;

    /// <summary>
    /// The CLI face: a profile name found beside the simulator (<see cref="CliDialects.Names"/> or their short aliases:
    /// "huawei" (default), "zte", "h3c", …) or "profile:&lt;path&gt;" (a relative path is resolved against the file this network is in).
    /// </summary>
    public string CliDialect { get; set; } = CliDialects.Huawei;

    /// <summary>Unix socket of the CLI face; default <c>/tmp/speedup-simulators/&lt;name&gt;.sock</c>.</summary>
    public string? CliSocket { get; set; }
}
