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
        var v3 = simulator.SnmpUsers.Count == 0
            ? ""
            : " + v3 " + string.Join(", ", simulator.SnmpUsers.Select(u => $"{u.User.Name} ({u.User.AuthProtocol}/{u.User.PrivProtocol})"));
        return $"{name}: {simulator.State.Hostname}, {simulator.State.Lines.Count} lines | {ssh} | " +
            $"snmp v2c{v3} {simulator.SnmpEndpoint} | cli ({simulator.CliDialect}) unix:{simulator.CliSocketPath}" +
            (simulator.Coa is { } coa ? $" | coa udp {coa.Endpoint}" : "");
    }

    /// <summary>The line the launcher prints for its control endpoint.</summary>
    public static string DescribeControl(SimulatorControlServer control)
    {
        ArgumentNullException.ThrowIfNull(control);
        return $"control: {control.BaseAddress} (GET networks | POST/DELETE networks/<name>/faults | POST networks/<name>/reboot | GET networks/<name>/audit | GET networks/<name>/received)";
    }
}
