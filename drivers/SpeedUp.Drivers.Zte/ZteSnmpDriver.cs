using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using SpeedUp.Drivers.Zte.Internal;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Drivers.Zte;

/// <summary>
/// Drives a ZTE-style BRAS over SNMP v2c or v3 (USM; the private MIB of docs/simulator.md). Every operation runs
/// within the channel's <see cref="DeviceOptions.OperationTimeout"/>; every write is read back.
/// </summary>
public sealed class ZteSnmpDriver : ISubscriberLineDriver, IDriverDryRun
{
    /// <summary>Lowest rate the equipment accepts, kbit/s.</summary>
    public const long MinRateKbps = 64;

    /// <summary>Highest rate this driver will ask for, kbit/s (10 Gbit/s).</summary>
    public const long MaxRateKbps = 10_000_000;

    private readonly DeviceOptions _channel;
    private readonly ISecretResolver _secrets;
    private readonly SnmpManager _manager;
    private readonly ILogger _logger;
    private IPEndPoint? _endpoint;

    internal ZteSnmpDriver(DeviceOptions channel, ISecretResolver secrets, SnmpManager manager, ILogger logger)
    {
        _channel = channel;
        _secrets = secrets;
        _manager = manager;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string ChannelName => _channel.Name;

    /// <inheritdoc/>
    /// <remarks><c>GETNEXT zxSubByAddrBandId.a.b.c.d.(port−1)</c> finds the first block of the address whose last
    /// port is ≥ port; the row read then confirms its first port is ≤ port.</remarks>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ipAddress);
        if (port is < 0 or > 65535)
        {
            throw new DriverException(DriverFailure.InvalidValue, "Port " + port + " is outside 0-65535.");
        }

        if (!ZteLineRow.TryGetIPv4(ipAddress, out var octets))
        {
            return Task.FromResult<SubscriberLine?>(null);
        }

        return RunAsync("find line", async ct =>
        {
            var prefix = ZteSubscriberMib.ByAddrBandId.Append(octets[0], octets[1], octets[2], octets[3]);
            var start = port == 0 ? prefix : prefix.Append((uint)(port - 1));
            var next = (await _manager.GetNextAsync(await EndpointAsync(ct), Credentials(), [start], ct).ConfigureAwait(false)).Single();
            if (next.Value.IsException || !next.Oid.StartsWith(prefix) || next.Oid.Components.Count != prefix.Components.Count + 1)
            {
                return null;
            }

            var bandId = ZteLineRow.Number(next, "zxSubByAddrBandId");
            if (bandId <= 0)
            {
                throw ZteLineRow.Malformed("zxSubByAddrBandId is not a positive band id");
            }

            var line = await ReadRowAsync(bandId, ct).ConfigureAwait(false);
            return line is not null && line.Ports.Contains(port) && line.IpAddress.Equals(new IPAddress(octets)) ? line : null;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        ValidateLine(line);
        return RunAsync("read line", async ct =>
        {
            var row = await ReadRowAsync(line.BandId, ct).ConfigureAwait(false)
                ?? throw new DriverException(DriverFailure.LineNotFound, "Channel " + ChannelName + ": band id " + line.BandId + " does not exist.");
            if (!string.Equals(row.Account, line.Account, StringComparison.Ordinal))
            {
                throw new DriverException(DriverFailure.LineNotFound,
                    "Channel " + ChannelName + ": band id " + line.BandId + " now belongs to another account.");
            }

            return row;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        ValidateLine(line);
        if (!Enum.IsDefined(direction))
        {
            throw new DriverException(DriverFailure.InvalidValue, "Unknown direction " + direction + ".");
        }

        if (rateKbps is < MinRateKbps or > MaxRateKbps)
        {
            throw new DriverException(DriverFailure.InvalidValue,
                "Rate " + rateKbps + " kbit/s is outside " + MinRateKbps + "-" + MaxRateKbps + " kbit/s.");
        }

        return RunAsync("set rate", async ct =>
        {
            var endpoint = await EndpointAsync(ct).ConfigureAwait(false);
            await RequireOwnerAsync(endpoint, line, ct).ConfigureAwait(false);
            var cell = ZteSubscriberMib.Cell(ZteSubscriberMib.RateColumn(direction), line.BandId);
            await _manager.SetAsync(endpoint, Credentials(), [new VarBind(cell, new SnmpGauge32((uint)rateKbps))], ct).ConfigureAwait(false);

            var readBack = await _manager.GetAsync(endpoint, Credentials(),
                [ZteSubscriberMib.Cell(ZteSubscriberMib.UpRateKbps, line.BandId), ZteSubscriberMib.Cell(ZteSubscriberMib.DownRateKbps, line.BandId)],
                ct).ConfigureAwait(false);
            if (readBack.Count != 2 || readBack.Any(v => v.Value.IsException))
            {
                throw new DriverException(DriverFailure.NotConfirmed,
                    "Channel " + ChannelName + ": band id " + line.BandId + " could not be read back after the change.");
            }

            var rates = new LineRates(ZteLineRow.Number(readBack[0], "zxSubUpRateKbps"), ZteLineRow.Number(readBack[1], "zxSubDownRateKbps"));
            if (rates.Of(direction) != rateKbps)
            {
                throw new DriverException(DriverFailure.NotConfirmed,
                    "Channel " + ChannelName + ": band id " + line.BandId + " reads " + rates.Of(direction) + " kbit/s " + direction
                    + " after setting " + rateKbps + ".");
            }

            DriverLog.RateSet(_logger, ChannelName, line.BandId, direction, rateKbps);
            return rates;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        try
        {
            var system = await RunAsync("probe", async ct =>
                await _manager.GetAsync(await EndpointAsync(ct).ConfigureAwait(false), Credentials(),
                    [ZteSubscriberMib.SysName, ZteSubscriberMib.SysDescr, ZteSubscriberMib.SysUpTime], ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            var upTime = system[2].Value is SnmpTimeTicks ticks ? TimeSpan.FromMilliseconds(ticks.Value * 10d) : TimeSpan.Zero;
            return new DriverHealth(true, "sysName " + system[0].Value + ", up " + upTime.ToString("c"), started.Elapsed);
        }
        catch (DriverException e)
        {
            return new DriverHealth(false, e.Message, started.Elapsed);
        }
    }

    /// <inheritdoc/>
    public DryRunPlan Render(DriverOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var steps = new List<DryRunStep>();
        switch (operation.Kind)
        {
            case DriverOperationKind.FindLine:
                var address = operation.Address ?? throw new DriverException(DriverFailure.InvalidValue, "FindLine needs an address.");
                if (operation.Port is < 0 or > 65535 || !ZteLineRow.TryGetIPv4(address, out var octets))
                {
                    throw new DriverException(DriverFailure.InvalidValue, $"FindLine needs an IPv4 address and a port 0-65535, got {address} {operation.Port}.");
                }

                var prefix = ZteSubscriberMib.ByAddrBandId.Append(octets[0], octets[1], octets[2], octets[3]);
                steps.Add(new DryRunStep($"GETNEXT {(operation.Port == 0 ? prefix : prefix.Append((uint)(operation.Port - 1)))}",
                    "zxSubByAddrBandId: the first port block of the address ending at or after the port"));
                steps.Add(new DryRunStep($"GET {string.Join(", ", ZteSubscriberMib.Row(0).Select(o => o.ToString()[..^2] + ".<bandId>"))}",
                    "the row of the band id found; its first port must be <= the port"));
                break;
            case DriverOperationKind.ReadLine:
                var line = RequireLine(operation);
                steps.Add(new DryRunStep($"GET {string.Join(", ", ZteSubscriberMib.Row(line.BandId).Select(o => o.ToString()))}", "the line's row"));
                break;
            case DriverOperationKind.SetRate:
                var target = RequireLine(operation);
                if (!Enum.IsDefined(operation.Direction) || operation.RateKbps is < MinRateKbps or > MaxRateKbps)
                {
                    throw new DriverException(DriverFailure.InvalidValue, $"Rate {operation.RateKbps} kbit/s {operation.Direction} is outside {MinRateKbps}-{MaxRateKbps} kbit/s.");
                }

                steps.Add(new DryRunStep($"GET {ZteSubscriberMib.Cell(ZteSubscriberMib.Account, target.BandId)}", $"zxSubAccount: the band id must still be {target.Account}'s"));

                steps.Add(new DryRunStep($"SET {ZteSubscriberMib.Cell(ZteSubscriberMib.RateColumn(operation.Direction), target.BandId)} = Gauge32 {operation.RateKbps}", "the change"));
                steps.Add(new DryRunStep($"GET {ZteSubscriberMib.Cell(ZteSubscriberMib.UpRateKbps, target.BandId)}, {ZteSubscriberMib.Cell(ZteSubscriberMib.DownRateKbps, target.BandId)}",
                    $"read-back: must show {operation.RateKbps} kbit/s {operation.Direction}"));
                break;
            default:
                steps.Add(new DryRunStep($"GET {ZteSubscriberMib.SysName}, {ZteSubscriberMib.SysDescr}, {ZteSubscriberMib.SysUpTime}", "sysName, sysDescr, sysUpTime"));
                break;
        }

        return new DryRunPlan(ChannelName, "snmp " + _channel.Snmp.Version.ToString().ToLowerInvariant(), steps);

        LineReference RequireLine(DriverOperation op)
        {
            var reference = op.Line ?? throw new DriverException(DriverFailure.InvalidValue, $"{op.Kind} needs a line (band id).");
            ValidateLine(reference);
            return reference;
        }
    }

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_channel.OperationTimeout);
        try
        {
            return await action(budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SnmpException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var failure = SnmpFailures.Translate(e, ChannelName, operation, _channel.OperationTimeout);
            DriverLog.OperationFailed(_logger, ChannelName, operation, failure.Failure, e);
            throw failure;
        }
    }

    private async Task<SubscriberLine?> ReadRowAsync(long bandId, CancellationToken ct)
    {
        var row = await _manager.GetAsync(await EndpointAsync(ct).ConfigureAwait(false), Credentials(), ZteSubscriberMib.Row(bandId), ct)
            .ConfigureAwait(false);
        return ZteLineRow.Parse(bandId, row);
    }

    private async ValueTask<IPEndPoint> EndpointAsync(CancellationToken ct)
    {
        if (_endpoint is not null)
        {
            return _endpoint;
        }

        var address = IPAddress.TryParse(_channel.Host, out var parsed)
            ? parsed
            : (await Dns.GetHostAddressesAsync(_channel.Host, ct).ConfigureAwait(false)).FirstOrDefault()
                ?? throw new DriverException(DriverFailure.Unreachable, "Channel " + ChannelName + ": host " + _channel.Host + " does not resolve.");
        return _endpoint = new IPEndPoint(address, _channel.Port);
    }

    private SnmpCredentials Credentials()
    {
        try
        {
            return SnmpChannelCredentials.Build(_channel, _secrets);
        }
        catch (InvalidOperationException e)
        {
            throw new DriverException(DriverFailure.AuthenticationFailed, e.Message, e);
        }
    }

    /// <summary>The band id must still belong to the line's account before its rate is changed (nothing is SET otherwise).</summary>
    private async Task RequireOwnerAsync(IPEndPoint endpoint, LineReference line, CancellationToken ct)
    {
        var owner = (await _manager.GetAsync(endpoint, Credentials(), [ZteSubscriberMib.Cell(ZteSubscriberMib.Account, line.BandId)], ct)
            .ConfigureAwait(false)).Single();
        if (owner.Value.IsException)
        {
            throw new DriverException(DriverFailure.LineNotFound, "Channel " + ChannelName + ": band id " + line.BandId + " does not exist; nothing was set.");
        }

        if (owner.Value is not SnmpOctetString account || !string.Equals(account.ToString(), line.Account, StringComparison.Ordinal))
        {
            throw new DriverException(DriverFailure.LineNotFound,
                "Channel " + ChannelName + ": band id " + line.BandId + " now belongs to another account; nothing was set.");
        }
    }

    /// <summary>A band id that fits the MIB and a well-formed account (the row's owner is checked against it).</summary>
    private static void ValidateLine(LineReference line)
    {
        ValidateBandId(line.BandId);
        SpeedUp.Drivers.Cli.CliValueGuard.RequireAccount(line.Account);
    }

    private static void ValidateBandId(long bandId)
    {
        if (bandId is < 1 or > int.MaxValue)
        {
            throw new DriverException(DriverFailure.InvalidValue, "Band id " + bandId + " does not fit the MIB's INTEGER index (1-2147483647).");
        }
    }
}
