using System.Net;

namespace SpeedUp.Simulator;

/// <summary>
/// Faults injected into a simulator, for driver and chaos tests. CLI face: added latency before each command is
/// answered, a per-line output delay, paging forced on, garbled output lines, a one-shot "drop the connection on the
/// next command", a random per-command drop ratio and a vanished subscriber (<see cref="VanishedAccount"/>, also on the CoA face). SNMP face: added latency, a random drop ratio and going dark
/// (every request dropped). CoA face: added latency, a random drop ratio, going dark, a NAK storm and lost answers (applied, never answered). Thread-safe; shared by every CLI session and the SNMP agent. Random drops use one
/// <see cref="Random"/> that <see cref="Seed"/> makes deterministic. The SSH face going dark, a reboot and the
/// SSH-level faults (refused logins, a new host key) are on <see cref="BrasSimulator"/> / <see cref="OpenSshFront"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The session CancellationTokenSource has no timer; it only needs cancelling, never disposing.")]
public sealed class SimulatorFaults
{
    private readonly Lock _randomGate = new();
    private Random _random = new();
    private CancellationTokenSource _sessions = new();
    private long _cliDropRatioBits;
    private long _snmpDropRatioBits;
    private long _snmpLatencyTicks;
    private int _snmpDark;
    private long _coaDropRatioBits;
    private long _coaLatencyTicks;
    private int _coaDark;
    private int _coaNakStorm;
    private int _coaAnswersLost;
    private int _sshDark;
    private long _latencyTicks;
    private long _lineDelayTicks;
    private int _dropNext;
    private int _forcePaging;
    private int _forcedPageLength = CliSessionContext.DefaultPageLength;
    private string? _vanishedAccount;
    private int _garble;

    /// <summary>Delay added before answering each non-empty CLI command.</summary>
    public TimeSpan CommandLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Delay before each output line of a command (slow output).</summary>
    public TimeSpan LineDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _lineDelayTicks));
        set => Interlocked.Exchange(ref _lineDelayTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>When true, paging stays on (<see cref="ForcedPageLength"/> when the session turned it off) whatever the session asked for.</summary>
    public bool ForcePaging
    {
        get => Volatile.Read(ref _forcePaging) == 1;
        set => Interlocked.Exchange(ref _forcePaging, value ? 1 : 0);
    }

    /// <summary>Smallest <see cref="ForcedPageLength"/>.</summary>
    public const int MinForcedPageLength = 2;

    /// <summary>Largest <see cref="ForcedPageLength"/>.</summary>
    public const int MaxForcedPageLength = 512;

    /// <summary>
    /// The page length used while <see cref="ForcePaging"/> is on and the session turned paging off (default 24, the
    /// sessions' own default).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not between <see cref="MinForcedPageLength"/> and <see cref="MaxForcedPageLength"/>.</exception>
    public int ForcedPageLength
    {
        get => Volatile.Read(ref _forcedPageLength);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinForcedPageLength);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxForcedPageLength);
            Interlocked.Exchange(ref _forcedPageLength, value);
        }
    }

    /// <summary>
    /// While set (an account, compared ordinally), that subscriber has gone offline between a driver's read and its write:
    /// a rate change for it — the CLI's <c>setRate</c> and the CoA face's CoA and Disconnect requests — is answered as for an
    /// unknown account (the profile's <c>messages.unknownUser</c>; CoA NAK 503 Session-Context-Not-Found), audited as
    /// rejected, and changes nothing; reads of it still succeed. Null or empty: none.
    /// </summary>
    public string? VanishedAccount
    {
        get => Volatile.Read(ref _vanishedAccount);
        set => Interlocked.Exchange(ref _vanishedAccount, string.IsNullOrEmpty(value) ? null : value);
    }

    /// <summary>How output lines are garbled.</summary>
    public GarbleMode Garble
    {
        get => (GarbleMode)Volatile.Read(ref _garble);
        set => Interlocked.Exchange(ref _garble, (int)value);
    }

    /// <summary>True while a drop is armed and not yet consumed.</summary>
    public bool DropArmed => Volatile.Read(ref _dropNext) == 1;

    /// <summary>The next non-empty command received by any CLI session closes that session without an answer.</summary>
    public void DropConnectionOnNextCommand() => Interlocked.Exchange(ref _dropNext, 1);

    /// <summary>Consumes an armed drop; true when the caller must drop its connection.</summary>
    public bool TryConsumeDrop() => Interlocked.Exchange(ref _dropNext, 0) == 1;

    /// <summary>Probability (0..1) that a non-empty CLI command closes its session without output.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not between 0 and 1.</exception>
    public double CliDropRatio
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _cliDropRatioBits));
        set => Interlocked.Exchange(ref _cliDropRatioBits, BitConverter.DoubleToInt64Bits(Ratio(value)));
    }

    /// <summary>Delay added before the SNMP agent answers each request (other requests are not held up).</summary>
    public TimeSpan SnmpLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _snmpLatencyTicks));
        set => Interlocked.Exchange(ref _snmpLatencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Probability (0..1) that an SNMP request is dropped silently (no answer; the manager times out).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not between 0 and 1.</exception>
    public double SnmpDropRatio
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _snmpDropRatioBits));
        set => Interlocked.Exchange(ref _snmpDropRatioBits, BitConverter.DoubleToInt64Bits(Ratio(value)));
    }

    /// <summary>When true, the SNMP face is dark: every request is dropped silently.</summary>
    public bool SnmpDark
    {
        get => Volatile.Read(ref _snmpDark) == 1;
        set => Interlocked.Exchange(ref _snmpDark, value ? 1 : 0);
    }

    /// <summary>Delay added before the CoA face answers each request (other requests are not held up).</summary>
    public TimeSpan CoaLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _coaLatencyTicks));
        set => Interlocked.Exchange(ref _coaLatencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Probability (0..1) that a CoA/Disconnect request is dropped silently (no answer; the client retransmits or times out).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not between 0 and 1.</exception>
    public double CoaDropRatio
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _coaDropRatioBits));
        set => Interlocked.Exchange(ref _coaDropRatioBits, BitConverter.DoubleToInt64Bits(Ratio(value)));
    }

    /// <summary>When true, the CoA face is dark: every request is dropped silently (set with the SNMP face by <see cref="BrasSimulator.GoDarkAsync"/>).</summary>
    public bool CoaDark
    {
        get => Volatile.Read(ref _coaDark) == 1;
        set => Interlocked.Exchange(ref _coaDark, value ? 1 : 0);
    }

    /// <summary>
    /// When true, the CoA face answers every authenticated request with a NAK (Error-Cause 506 Resources-Unavailable)
    /// and changes nothing: a NAS refusing everything.
    /// </summary>
    public bool CoaNakStorm
    {
        get => Volatile.Read(ref _coaNakStorm) == 1;
        set => Interlocked.Exchange(ref _coaNakStorm, value ? 1 : 0);
    }

    /// <summary>
    /// When true, the CoA face applies every valid request but its answer never reaches the client: a lost CoA-ACK.
    /// Retransmissions of a request already applied are recognised as duplicates (RFC 5176 §2.3) and not applied again;
    /// their answers are lost too. The client sees a timeout although the rate changed.
    /// </summary>
    public bool CoaAnswersLost
    {
        get => Volatile.Read(ref _coaAnswersLost) == 1;
        set => Interlocked.Exchange(ref _coaAnswersLost, value ? 1 : 0);
    }

    /// <summary>True while the SSH face is dark (set by <see cref="BrasSimulator.SetSshDarkAsync"/>).</summary>
    public bool SshDark
    {
        get => Volatile.Read(ref _sshDark) == 1;
        internal set => Interlocked.Exchange(ref _sshDark, value ? 1 : 0);
    }

    /// <summary>Makes the random drops (<see cref="CliDropRatio"/>, <see cref="SnmpDropRatio"/>, <see cref="CoaDropRatio"/>) deterministic from here on.</summary>
    public void Seed(int seed)
    {
        lock (_randomGate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Closes every connected CLI session (socket or SSH), as a reboot or the SSH face going dark does.</summary>
    public void DisconnectAllCliSessions()
    {
        var old = Interlocked.Exchange(ref _sessions, new CancellationTokenSource());
        old.Cancel();
    }

    /// <summary>Cancelled by the next <see cref="DisconnectAllCliSessions"/>; a session links its token to it.</summary>
    internal CancellationToken SessionsToken => Volatile.Read(ref _sessions).Token;

    /// <summary>
    /// Whether the (non-empty) CLI command just received drops its session: an armed drop-next, or the drop ratio.
    /// Simulator control commands (<c>simulator …</c>) are exempt from the ratio, so a ratio of 1 can be cleared.
    /// </summary>
    internal bool ShouldDropCliCommand(string line) => TryConsumeDrop() || (!IsControlCommand(line) && Roll(CliDropRatio));

    private static bool IsControlCommand(string line)
    {
        var trimmed = line.AsSpan().Trim();
        var end = trimmed.IndexOfAny(' ', '\t');
        var first = end < 0 ? trimmed : trimmed[..end];
        return first.Length >= 3 && "simulator".AsSpan().StartsWith(first, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The SNMP agent's request filter: dark, random drop, latency.</summary>
    internal ValueTask<bool> FilterSnmpRequestAsync(IPEndPoint remote, CancellationToken ct)
    {
        if (SnmpDark || Roll(SnmpDropRatio))
        {
            return ValueTask.FromResult(false);
        }

        var latency = SnmpLatency;
        return latency > TimeSpan.Zero ? DelayThenAllowAsync(latency, ct) : ValueTask.FromResult(true);
    }

    /// <summary>The CoA face's filter: dark or a random drop (false: no answer).</summary>
    internal bool ShouldDropCoaRequest() => CoaDark || Roll(CoaDropRatio);

    private async ValueTask<bool> DelayThenAllowAsync(TimeSpan latency, CancellationToken ct)
    {
        await Task.Delay(latency, ct);
        return !SnmpDark;
    }

    private bool Roll(double ratio)
    {
        if (ratio <= 0)
        {
            return false;
        }

        lock (_randomGate)
        {
            return _random.NextDouble() < ratio;
        }
    }

    private static double Ratio(double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A ratio must be between 0 and 1.");
        }

        return value;
    }

    /// <summary>The page length a session uses: its own, or <see cref="ForcedPageLength"/> when paging is forced on.</summary>
    internal int EffectivePageLength(int sessionPageLength) =>
        ForcePaging && sessionPageLength <= 0 ? ForcedPageLength : sessionPageLength;

    /// <summary>True when <paramref name="account"/> is the <see cref="VanishedAccount"/>.</summary>
    internal bool HasVanished(string account) => string.Equals(VanishedAccount, account, StringComparison.Ordinal);

    /// <summary>
    /// Removes every CLI, SNMP and CoA fault (SNMP and CoA dark included). The SSH face, when dark, stays dark: bring it back
    /// with <see cref="BrasSimulator.SetSshDarkAsync"/> or <see cref="BrasSimulator.ClearFaultsAsync"/>.
    /// </summary>
    public void Clear()
    {
        CliDropRatio = 0;
        SnmpLatency = TimeSpan.Zero;
        SnmpDropRatio = 0;
        SnmpDark = false;
        CoaLatency = TimeSpan.Zero;
        CoaDropRatio = 0;
        CoaDark = false;
        CoaNakStorm = false;
        CoaAnswersLost = false;
        CommandLatency = TimeSpan.Zero;
        LineDelay = TimeSpan.Zero;
        ForcePaging = false;
        ForcedPageLength = CliSessionContext.DefaultPageLength;
        VanishedAccount = null;
        Garble = GarbleMode.None;
        Interlocked.Exchange(ref _dropNext, 0);
    }
}
