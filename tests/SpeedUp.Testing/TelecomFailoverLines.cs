using System.Globalization;
using System.Text.RegularExpressions;
using Broadband.SpeedUp.V1;
using SpeedUp.Simulator;

namespace SpeedUp.Testing;

/// <summary>
/// The Telecom lines the failover tests cycle through the two channels to one simulated BRAS (SSH CLI preferred, SNMP
/// as backup), the calls on them, and how to read the simulator's audit log about them.
/// </summary>
public static class TelecomFailoverLines
{
    /// <summary>Telecom lines of the seed and a downstream tier each can take (Yunnan has no 200 Mbps tier).</summary>
    public static IReadOnlyList<(string Ip, int Port, string Account, int Mbps)> Lines { get; } =
    [
        ("202.101.172.100", 1500, "zj0571a0003", 200),
        ("202.101.172.100", 2500, "zj0571a0004", 200),
        ("202.101.172.100", 3500, "zj0571a0005", 200),
        ("61.139.2.69", 0, "sc028a0001", 200),
        ("218.30.19.40", 0, "sn029a0001", 200),
        ("222.172.200.68", 0, "yn0871a0001", 100),
    ];

    /// <summary>Pre-checks the first <paramref name="count"/> lines (all by default) and orders each its 30-day pack; returns their band ids.</summary>
    public static async Task<long[]> PrecheckAndOrderAsync(ServiceClients service, int? count, CancellationToken cancellationToken)
    {
        var bandIds = new List<long>();
        foreach (var (ip, port, _, mbps) in Lines.Take(count ?? Lines.Count))
        {
            var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = ip, Port = port }, cancellationToken: cancellationToken);
            await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, mbps, cancellationToken: cancellationToken);
            bandIds.Add(precheck.BandId);
        }

        return [.. bandIds];
    }

    /// <summary>The start of line <paramref name="i"/> at its tier.</summary>
    public static StartSpeedUpRequest Start(int i, long bandId) => new()
    {
        IpAddress = Lines[i].Ip, Port = Lines[i].Port, BandId = bandId, Direction = Direction.Down, TargetBandwidthMbps = Lines[i].Mbps,
    };

    /// <summary>Starts line <paramref name="i"/>.</summary>
    public static async Task StartAsync(ServiceClients service, int i, long bandId, CancellationToken cancellationToken) =>
        await service.Client.StartSpeedUpAsync(Start(i, bandId), cancellationToken: cancellationToken);

    /// <summary>Stops line <paramref name="i"/>.</summary>
    public static async Task StopAsync(ServiceClients service, int i, long bandId, CancellationToken cancellationToken) =>
        await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest
        {
            IpAddress = Lines[i].Ip, Port = Lines[i].Port, BandId = bandId, Direction = Direction.Down,
        }, cancellationToken: cancellationToken);

    /// <summary>Whether an audited command changed this line: the CLI names the account, an SNMP SET the band id as the OID's last arc.</summary>
    public static bool Mentions(AuditEntry entry, SubscriberLineState line) =>
        entry.Command.Contains(" " + line.Account + " ", StringComparison.Ordinal)
        || entry.Command.Contains("." + line.BandId.ToString(CultureInfo.InvariantCulture) + " =", StringComparison.Ordinal);

    /// <summary>Whether an audited command sets a rate of exactly <paramref name="kbps"/> (CLI: last word; SNMP: the value).</summary>
    public static bool SetsTo(AuditEntry entry, int kbps) =>
        Regex.IsMatch(entry.Command, $@"(?<![0-9.]){kbps}(?![0-9])");
}
