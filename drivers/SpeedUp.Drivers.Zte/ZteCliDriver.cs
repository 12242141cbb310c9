using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Cli;
using SpeedUp.Drivers.Cli.Dialects;

namespace SpeedUp.Drivers.Zte;

/// <summary>
/// Drives a ZTE ZXR10 BRAS through its CLI (docs/simulator.md, ZTE face): the data-driven <see cref="DialectCliDriver"/>
/// with <see cref="ZteCliDialect.Definition"/>. A rate change keeps one session for its whole sequence (exec →
/// <c>configure terminal</c> → change, answering <c>[yes/no]</c> → <c>end</c> → read-back) and is retried only if its
/// session died before the change was sent.
/// </summary>
public sealed class ZteCliDriver : DialectCliDriver
{
    /// <summary>Creates a driver; nothing is connected until the first operation.</summary>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session (SSH, or in-memory in tests).</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public ZteCliDriver(ZteCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
        : base(ZteCliDialect.Definition, options, transportFactory, loggerFactory)
    {
    }

    /// <summary>Creates a driver for a device with its own prompt patterns (<see cref="CompiledDialect.WithPrompts"/>).</summary>
    /// <param name="dialect">The dialect as compiled for this device; <paramref name="options"/>' dialect should be its <see cref="CompiledDialect.Cli"/>.</param>
    /// <param name="options">Channel name, operation timeout and dialect.</param>
    /// <param name="transportFactory">Creates a fresh, unopened transport for each session.</param>
    /// <param name="loggerFactory">Where to log; nothing when null.</param>
    public ZteCliDriver(CompiledDialect dialect, ZteCliDriverOptions options, Func<ICliTransport> transportFactory, ILoggerFactory? loggerFactory = null)
        : base(dialect, options, transportFactory, loggerFactory)
    {
    }
}
