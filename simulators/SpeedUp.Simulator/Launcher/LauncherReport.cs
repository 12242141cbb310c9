namespace SpeedUp.Simulator;

/// <summary>The one line the launcher prints per started network.</summary>
public static class LauncherReport
{
    public static string Describe(string name, BrasSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var ssh = simulator.SshFront is { } front
            ? $"ssh {front.User}@127.0.0.1 -p {front.Port} (password {front.Password}, host key {front.HostKeySha256})"
            : "ssh off";
        return $"{name}: {simulator.State.Hostname}, {simulator.State.Lines.Count} lines | {ssh} | " +
            $"snmp v2c {simulator.SnmpEndpoint} | cli unix:{simulator.CliSocketPath}";
    }
}
