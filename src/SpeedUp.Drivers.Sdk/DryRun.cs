using System.Net;

namespace SpeedUp.Drivers;

/// <summary>
/// Implemented by drivers that can show, without touching the device, exactly what an operation would send: the
/// native command lines (CLI) or the PDUs and varbinds (SNMP), in order. Values go through the same checks as a
/// real call, so a value the driver would refuse fails the same way (<see cref="DriverFailure.InvalidValue"/>).
/// </summary>
public interface IDriverDryRun
{
    /// <summary>The steps <paramref name="operation"/> would send.</summary>
    DryRunPlan Render(DriverOperation operation);
}

/// <summary>The driver operations.</summary>
public enum DriverOperationKind
{
    /// <summary><see cref="ISubscriberLineDriver.FindLineAsync"/>.</summary>
    FindLine,

    /// <summary><see cref="ISubscriberLineDriver.ReadLineAsync"/>.</summary>
    ReadLine,

    /// <summary><see cref="ISubscriberLineDriver.SetRateAsync"/>.</summary>
    SetRate,

    /// <summary><see cref="ISubscriberLineDriver.ProbeAsync"/>.</summary>
    Probe,
}

/// <summary>One operation and its arguments (those it does not use are ignored).</summary>
/// <param name="Kind">Which operation.</param>
/// <param name="Address">FindLine: the public address.</param>
/// <param name="Port">FindLine: the public port.</param>
/// <param name="Line">ReadLine / SetRate: the line.</param>
/// <param name="Direction">SetRate: the direction.</param>
/// <param name="RateKbps">SetRate: the rate.</param>
public sealed record DriverOperation(
    DriverOperationKind Kind, IPAddress? Address = null, int Port = 0, LineReference? Line = null, Direction Direction = Direction.Down, long RateKbps = 0);

/// <summary>What an operation would send through one channel.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Protocol">e.g. <c>ssh-cli huawei-vrp</c> or <c>snmp v2c</c>.</param>
/// <param name="Steps">In order.</param>
public sealed record DryRunPlan(string Channel, string Protocol, IReadOnlyList<DryRunStep> Steps)
{
    /// <summary>
    /// What the driver's sessions send around any operation's steps: on opening one (e.g. paging off), on closing it,
    /// answers that close a question left open. Empty (the default) when the protocol has no sessions (SNMP).
    /// </summary>
    public IReadOnlyList<DryRunStep> Session { get; init; } = [];
}

/// <summary>One thing sent.</summary>
/// <param name="Send">The exact command line, or the PDU with its varbinds.</param>
/// <param name="Note">Why, or when it is sent only under a condition; null when always.</param>
public sealed record DryRunStep(string Send, string? Note = null);
