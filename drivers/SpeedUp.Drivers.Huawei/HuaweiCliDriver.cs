using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Cli;
using SpeedUp.Drivers.Cli.Dialects;

namespace SpeedUp.Drivers.Huawei;

/// <summary>
/// Drives a Huawei VRP BRAS through its CLI (docs/simulator.md): the data-driven <see cref="DialectCliDriver"/> with
/// <see cref="HuaweiVrpDialect.Definition"/>. A rate change keeps one session for its whole sequence (user view →
/// <c>system-view</c> → <c>aaa</c> → change → <c>return</c> → read-back) and is retried only if its session died before
/// the change was sent.
/// </summary>
public sealed class HuaweiCliDriver : DialectCliDriver
{
    /// <summary>Creates a driver; nothing is connected until the first operation.</summary>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session (SSH, or in-memory in tests).</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public HuaweiCliDriver(HuaweiCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
        : base(HuaweiVrpDialect.Definition, options, transportFactory, loggerFactory)
    {
    }

    /// <summary>Creates a driver for a device with its own prompt patterns (<see cref="CompiledDialect.WithPrompts"/>).</summary>
    /// <param name="dialect">The dialect as compiled for this device; <paramref name="options"/>' dialect should be its <see cref="CompiledDialect.Cli"/>.</param>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session.</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public HuaweiCliDriver(CompiledDialect dialect, HuaweiCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
        : base(dialect, options, transportFactory, loggerFactory)
    {
    }
}
