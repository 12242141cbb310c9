using System.Globalization;
using System.Text;
using Broadband.SpeedUp.V1;
using Google.Protobuf;
using Grpc.Core;

namespace SpeedUp.Host.Tests.Grpc.Fuzz;

/// <summary>The public RPCs of <c>broadband.speedup.v1.SpeedUpService</c>.</summary>
internal enum FuzzRpc
{
    Precheck,
    OrderOffer,
    StartSpeedUp,
    StopSpeedUp,
    QueryStatus,
    GetBusinessStatistics,
    ExportDetails,
}

/// <summary>What a call must answer: success (<see cref="StatusCode.OK"/>), or a failure with that status and product code.</summary>
internal sealed record Expectation(StatusCode Status, string ProductCode)
{
    public static readonly Expectation Ok = new(StatusCode.OK, "OK");

    /// <summary>A malformed or out-of-range field, whichever RPC.</summary>
    public static readonly Expectation InvalidParameters = new(StatusCode.InvalidArgument, "isv.INVALID_PARAMETERS");

    /// <summary>A well-formed order or start: well-formed requests only name band ids without a pre-check (never a bait line).</summary>
    public static readonly Expectation NoPrecheck = new(StatusCode.FailedPrecondition, "isv.BAND_CHECK_EXPIRE");

    /// <summary>A well-formed stop of a line with no speed-up (nothing is started while the fuzz runs).</summary>
    public static readonly Expectation NoActiveSpeedUp = new(StatusCode.NotFound, "isv.INVALID_PARAMETERS");

    public override string ToString() => Status == StatusCode.OK ? "OK" : $"{Status} {ProductCode}";
}

/// <summary>
/// A real line the test pre-checked and bought 30-day packs for (UP 20 and DOWN 200): malformed requests often aim at it
/// with every other field right, so that a field the service failed to validate would make a real order or speed-up (and
/// reach the device) instead of stopping at a missing pre-check.
/// </summary>
internal sealed record BaitLine(string IpAddress, int Port, long BandId);

/// <summary>One generated call.</summary>
/// <param name="Index">Its position in the seeded sequence.</param>
/// <param name="MalformedFields">The fields the contract (<see cref="RequestContract"/>) calls malformed; empty for a well-formed request.</param>
/// <param name="Expected">What the service must answer.</param>
internal sealed record FuzzCase(int Index, FuzzRpc Rpc, IMessage Request, IReadOnlyList<string> MalformedFields, Expectation Expected)
{
    public bool IsMalformed => MalformedFields.Count > 0;

    /// <summary>
    /// The request's fields, each string quoted with every UTF-16 unit outside printable ASCII escaped and cut to
    /// <paramref name="max"/> units (written by hand: it must describe any string, whatever it holds).
    /// </summary>
    public string Describe(int max = 200)
    {
        var fields = Request.Descriptor.Fields.InFieldNumberOrder().Select(field =>
        {
            var value = field.Accessor.GetValue(Request);
            return $"{field.Name}={(value is string text ? Quote(text, max) : Convert.ToString(value, CultureInfo.InvariantCulture))}";
        });
        return "{ " + string.Join(", ", fields) + " }";
    }

    private static string Quote(string value, int max)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            text.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return text.Append('"').Append(value.Length > max ? $"…({value.Length} chars)" : "").ToString();
    }

    public override string ToString() =>
        $"#{Index} {Rpc} malformed [{string.Join(", ", MalformedFields)}] expecting {Expected}: {Describe()}";
}

/// <summary>
/// Generates hostile requests for every public RPC from one seed (the same seed, the same sequence). Most requests carry
/// at least one malformed field (always isv.INVALID_PARAMETERS, nothing looked up); half of those aim at a
/// <see cref="BaitLine"/> with every other field right. About <see cref="WellFormedShare"/> are well-formed but hostile
/// (free-text scenes full of metacharacters, edge numbers, ids at their limits), never aimed at a bait line, and must get
/// the answer of a well-formed request: no pre-check for the band id, no speed-up to stop, an empty status, statistics.
/// Which fields are malformed is decided by <see cref="RequestContract"/>, not by how a value was made.
/// </summary>
internal sealed class HostileRequestGenerator
{
    /// <summary>Share of well-formed (hostile but valid) requests.</summary>
    public const double WellFormedShare = 0.15;

    /// <summary>Syntactically valid addresses that are not mainland-China broadband addresses: Precheck must refuse them as invalid.</summary>
    public static readonly string[] NotMainlandAddresses =
    [
        "0.0.0.0", "10.1.2.3", "127.0.0.1", "169.254.1.1", "172.16.0.1", "192.168.1.1", "224.0.0.1", "239.255.255.250",
        "240.0.0.1", "255.255.255.255", "8.8.8.8",
    ];

    private static readonly (FuzzRpc Rpc, int Weight)[] Weights =
    [
        (FuzzRpc.Precheck, 2), (FuzzRpc.OrderOffer, 2), (FuzzRpc.StartSpeedUp, 3), (FuzzRpc.StopSpeedUp, 2),
        (FuzzRpc.QueryStatus, 1), (FuzzRpc.GetBusinessStatistics, 1), (FuzzRpc.ExportDetails, 1),
    ];

    private static readonly string[] SeededAddresses = ["202.101.172.35", "202.101.172.100", "202.106.0.20", "58.240.57.100", "218.30.19.40"];

    private readonly Random _random;
    private readonly HostileValues _values;

    private readonly IReadOnlyList<BaitLine> _bait;

    public HostileRequestGenerator(int seed, IReadOnlyList<BaitLine> bait)
    {
        Seed = seed;
        _bait = bait;
        _random = new Random(seed);
        _values = new HostileValues(_random);
    }

    public int Seed { get; }

    /// <summary>The values this generator draws from (for the live part of the test: scenes, client request ids).</summary>
    public HostileValues Values => _values;

    /// <summary>The next request of the sequence.</summary>
    public FuzzCase Next(int index)
    {
        var rpc = PickRpc();
        var malformed = rpc == FuzzRpc.Precheck || !_values.Chance(WellFormedShare);
        var (request, faults, wellFormed) = rpc switch
        {
            FuzzRpc.Precheck => Precheck(),
            FuzzRpc.OrderOffer => OrderOffer(malformed),
            FuzzRpc.StartSpeedUp => Start(malformed),
            FuzzRpc.StopSpeedUp => Stop(malformed),
            FuzzRpc.QueryStatus => Query(malformed),
            FuzzRpc.GetBusinessStatistics => Statistics(malformed, (p, f, t) => new BusinessStatisticsRequest { Period = p, FromDate = f, ToDate = t }),
            _ => Statistics(malformed, (p, f, t) => new ExportDetailsRequest { Period = p, FromDate = f, ToDate = t }),
        };

        if (malformed != faults.Count > 0)
        {
            throw new InvalidOperationException(
                $"Generator fault (seed {Seed}, #{index}): meant {(malformed ? "malformed" : "well-formed")}, the contract finds [{string.Join(", ", faults)}] in {new FuzzCase(index, rpc, request, faults, wellFormed).Describe()}.");
        }

        return new FuzzCase(index, rpc, request, faults, faults.Count > 0 ? Expectation.InvalidParameters : wellFormed);
    }

    /// <summary>A scene a start must accept (printable, ≤ 64), hostile as it looks.</summary>
    public string HostileValidScene()
    {
        string scene;
        do
        {
            scene = _values.PrintableText(RequestContract.MaxSceneLength);
        }
        while (!RequestContract.IsScene(scene));

        return scene;
    }

    private FuzzRpc PickRpc()
    {
        var roll = _random.Next(Weights.Sum(w => w.Weight));
        foreach (var (rpc, weight) in Weights)
        {
            if (roll < weight)
            {
                return rpc;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    // Every Precheck is malformed: a malformed address, one outside mainland China, or a seeded line's address with a bad port.
    private (IMessage, IReadOnlyList<string>, Expectation) Precheck()
    {
        string ip;
        int port;
        switch (_random.Next(5))
        {
            case 0:
                ip = _values.Pick(SeededAddresses);
                port = BadPort();
                break;
            case 1:
                ip = _values.Pick(NotMainlandAddresses);
                port = _values.Chance(0.7) ? GoodPort() : BadPort();
                break;
            default:
                ip = Text(malformed: true, _values.DottedQuad, RequestContract.IsIpAddress, _values.IpText);
                port = _values.Chance(0.7) ? GoodPort() : BadPort();
                break;
        }

        var faults = new List<string>();
        if (!RequestContract.IsIpAddress(ip))
        {
            faults.Add("ip_address");
        }
        else if (NotMainlandAddresses.Contains(ip))
        {
            faults.Add("ip_address (not mainland China)");
        }

        if (!RequestContract.IsPort(port))
        {
            faults.Add("port");
        }

        return (new PrecheckRequest { IpAddress = ip, Port = port }, faults, Expectation.InvalidParameters);
    }

    private (IMessage, IReadOnlyList<string>, Expectation) OrderOffer(bool malformed)
    {
        var bad = Corrupt(malformed, "band_id", "offer_id", "client_request_id");
        var bait = Bait(malformed);
        var request = new OrderOfferRequest
        {
            BandId = bad.Contains("band_id") ? BadBandId() : bait?.BandId ?? GoodBandId(),
            OfferId = bad.Contains("offer_id") ? BadOfferId() : GoodOfferId(),
            ClientRequestId = ClientRequestId(bad.Contains("client_request_id")),
        };
        var faults = new List<string>();
        Check(faults, "band_id", RequestContract.IsBandId(request.BandId));
        Check(faults, "offer_id", RequestContract.IsOfferId(request.OfferId));
        Check(faults, "client_request_id", RequestContract.IsClientRequestId(request.ClientRequestId));
        return (request, faults, Expectation.NoPrecheck);
    }

    private (IMessage, IReadOnlyList<string>, Expectation) Start(bool malformed)
    {
        var bad = Corrupt(malformed, "ip_address", "port", "band_id", "direction", "target_bandwidth_mbps", "scene", "duration_minutes", "client_request_id");
        var bait = Bait(malformed);
        var direction = bad.Contains("direction") ? BadDirection() : GoodDirection();
        var request = new StartSpeedUpRequest
        {
            IpAddress = bad.Contains("ip_address") ? IpAddress(malformed: true) : bait?.IpAddress ?? IpAddress(malformed: false),
            Port = bad.Contains("port") ? BadPort() : bait?.Port ?? GoodPort(),
            BandId = bad.Contains("band_id") ? BadBandId() : bait?.BandId ?? GoodBandId(),
            Direction = (Direction)direction,
            TargetBandwidthMbps = bad.Contains("target_bandwidth_mbps") ? BadTarget(direction)
                : bait is not null ? (direction == 1 ? 20 : 200) : GoodTarget(direction),
            Scene = bad.Contains("scene")
                ? Text(malformed: true, HostileValidScene, RequestContract.IsScene, () => _values.Chance(0.1) ? _values.PrintableText(200) + new string('x', 65) : _values.Hostile(HostileValidScene()))
                : (_values.Chance(0.2) ? "" : HostileValidScene()),
            DurationMinutes = bad.Contains("duration_minutes") ? BadDuration() : GoodDuration(),
            ClientRequestId = ClientRequestId(bad.Contains("client_request_id")),
        };
        var faults = new List<string>();
        Check(faults, "ip_address", RequestContract.IsIpAddress(request.IpAddress));
        Check(faults, "port", RequestContract.IsPort(request.Port));
        Check(faults, "band_id", RequestContract.IsBandId(request.BandId));
        Check(faults, "direction", RequestContract.IsDirection(direction));
        Check(faults, "target_bandwidth_mbps", RequestContract.IsTarget(direction, request.TargetBandwidthMbps));
        Check(faults, "scene", RequestContract.IsScene(request.Scene));
        Check(faults, "duration_minutes", RequestContract.IsDuration(request.DurationMinutes));
        Check(faults, "client_request_id", RequestContract.IsClientRequestId(request.ClientRequestId));
        return (request, faults, Expectation.NoPrecheck);
    }

    private (IMessage, IReadOnlyList<string>, Expectation) Stop(bool malformed)
    {
        var bad = Corrupt(malformed, "ip_address", "port", "band_id", "direction");
        var bait = Bait(malformed);
        var direction = bad.Contains("direction") ? BadDirection() : GoodDirection();
        var request = new StopSpeedUpRequest
        {
            IpAddress = bad.Contains("ip_address") ? IpAddress(malformed: true) : bait?.IpAddress ?? IpAddress(malformed: false),
            Port = bad.Contains("port") ? BadPort() : bait?.Port ?? GoodPort(),
            BandId = bad.Contains("band_id") ? BadBandId() : bait?.BandId ?? GoodBandId(),
            Direction = (Direction)direction,
        };
        var faults = new List<string>();
        Check(faults, "ip_address", RequestContract.IsIpAddress(request.IpAddress));
        Check(faults, "port", RequestContract.IsPort(request.Port));
        Check(faults, "band_id", RequestContract.IsBandId(request.BandId));
        Check(faults, "direction", RequestContract.IsDirection(direction));
        return (request, faults, Expectation.NoActiveSpeedUp);
    }

    private (IMessage, IReadOnlyList<string>, Expectation) Query(bool malformed)
    {
        var request = new QueryStatusRequest { BandId = malformed ? BadBandId() : GoodBandId() };
        var faults = new List<string>();
        Check(faults, "band_id", RequestContract.IsBandId(request.BandId));
        return (request, faults, Expectation.Ok);
    }

    private (IMessage, IReadOnlyList<string>, Expectation) Statistics(bool malformed, Func<StatisticsPeriod, string, string, IMessage> create)
    {
        var bad = Corrupt(malformed, "period", "from_date", "to_date", "date range");
        var period = bad.Contains("period")
            ? _values.Pick<int>([0, 4, -1, 7, int.MaxValue, int.MinValue, _values.Between(int.MinValue, -2), _values.Between(5, int.MaxValue)])
            : _values.Between(1, 3);
        var from = _values.ValidDate();
        var to = from.AddDays(_values.Between(0, 30));
        if (to > RequestContract.LastStatisticsDay)
        {
            to = RequestContract.LastStatisticsDay;
        }

        if (bad.Contains("date range"))
        {
            // Valid days in a range CUSTOM refuses: backwards, or longer than 31 days.
            period = bad.Contains("period") ? period : 3;
            (from, to) = _values.Chance(0.5) && from > RequestContract.FirstStatisticsDay
                ? (from, from.AddDays(-_values.Between(1, Math.Min(400, from.DayNumber - RequestContract.FirstStatisticsDay.DayNumber))))
                : (from, from.AddDays(_values.Between(31, 400)));
            if (to > RequestContract.LastStatisticsDay)
            {
                (from, to) = (RequestContract.LastStatisticsDay.AddDays(-40), RequestContract.LastStatisticsDay);
            }
        }

        var omitDates = period != 3 && !bad.Contains("from_date") && !bad.Contains("to_date") && !bad.Contains("date range") && _values.Chance(0.6);
        var fromText = bad.Contains("from_date") ? DateText() : omitDates ? "" : Iso(from);
        var toText = bad.Contains("to_date") ? DateText() : omitDates ? "" : Iso(to);
        if ((bad.Contains("from_date") || bad.Contains("to_date")) && _values.Chance(0.3))
        {
            // A short range at the very edge of the calendar, or just outside the accepted years: both days malformed.
            var month = _values.Pick<string>(["0001-01", "9999-12", "1999-12", "2100-01", "1970-01"]);
            var firstDay = _values.Between(1, 31);
            fromText = $"{month}-{firstDay:D2}";
            toText = $"{month}-{_values.Between(firstDay, 31):D2}";
            period = bad.Contains("period") || _values.Chance(0.3) ? period : 3;
        }

        var faults = RequestContract.StatisticsFaults(period, fromText, toText);
        return (create((StatisticsPeriod)period, fromText, toText), faults, Expectation.Ok);
    }

    // Never empty: an empty date is a valid "not given" for THIS_MONTH and LAST_MONTH.
    private string DateText() => Text(malformed: true, () => Iso(_values.ValidDate()), s => s.Length == 0 || RequestContract.TryDate(s, out _), _values.DateText);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Check(List<string> faults, string field, bool valid)
    {
        if (!valid)
        {
            faults.Add(field);
        }
    }

    /// <summary>Which fields to corrupt: none for a well-formed request, else one (most often) or several.</summary>
    private HashSet<string> Corrupt(bool malformed, params string[] fields)
    {
        if (!malformed)
        {
            return [];
        }

        var count = fields.Length == 1 || _values.Chance(0.6) ? 1 : _values.Between(2, fields.Length);
        return [.. fields.Select(f => (Field: f, Key: _random.Next())).OrderBy(f => f.Key).Take(count).Select(f => f.Field)];
    }

    /// <summary>A text the contract calls malformed (<paramref name="malformed"/>) or well-formed, drawn until it is.</summary>
    private string Text(bool malformed, Func<string> valid, Func<string, bool> isValid, Func<string>? hostile = null)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var value = malformed ? (hostile ?? (() => _values.Hostile(valid())))() : valid();
            if (isValid(value) != malformed && !HostileValues.HasUnpairedSurrogate(value))
            {
                return value;
            }
        }

        throw new InvalidOperationException($"Generator fault (seed {Seed}): no {(malformed ? "malformed" : "valid")} value in 1000 draws.");
    }

    private string IpAddress(bool malformed) =>
        malformed ? Text(malformed: true, _values.DottedQuad, RequestContract.IsIpAddress, _values.IpText) : _values.DottedQuad();

    private string ClientRequestId(bool malformed) => malformed
        ? Text(malformed: true, _values.ClientRequestId, RequestContract.IsClientRequestId, () => _random.Next(4) switch
        {
            // The classic misses of an id pattern: a trailing newline ($ instead of \z), one character too many.
            0 => _values.ClientRequestId() + _values.Pick<string>(["\n", "\r\n", "\r", "\u0000", " "]),
            1 => new string('a', 65),
            _ => _values.Hostile(_values.ClientRequestId()),
        })
        : _values.Chance(0.3) ? "" : _values.ClientRequestId();

    private int GoodPort() => _values.Pick<int>([0, 0, 1, 80, 1024, 3500, 65535, _values.Between(0, 65535)]);

    private int BadPort() => _values.Pick<int>([-1, 65536, 70000, int.MaxValue, int.MinValue, -65535, _values.Between(int.MinValue, -1), _values.Between(65536, int.MaxValue)]);

    /// <summary>Half of the malformed requests aim at a bait line; well-formed ones never do.</summary>
    private BaitLine? Bait(bool malformed) => malformed && _bait.Count > 0 && _values.Chance(0.5) ? _values.Pick(_bait) : null;

    /// <summary>A positive band id without a pre-check (never a bait line's).</summary>
    private long GoodBandId()
    {
        long value;
        do
        {
            value = _values.Pick<long>([1, long.MaxValue, 330100001, 411000001, 432000004, 4_294_967_296, _values.Between(1L, long.MaxValue), _values.Between(1L, 999_999_999L)]);
        }
        while (_bait.Any(b => b.BandId == value));

        return value;
    }

    private long BadBandId() => _values.Pick<long>([0, -1, long.MinValue, -330100001, int.MinValue, _values.Between(long.MinValue, 0L)]);

    private int GoodDirection() => _values.Between(1, 2);

    private int BadDirection() => _values.Pick<int>([0, 3, 7, -1, 100, int.MaxValue, int.MinValue, _values.Between(int.MinValue, 0), _values.Between(3, int.MaxValue)]);

    private int GoodTarget(int direction) => _values.Pick(direction == 1 ? RequestContract.UpTiers : RequestContract.DownTiers);

    private int BadTarget(int direction)
    {
        int value;
        do
        {
            value = _values.Pick<int>([0, -1, -200, int.MinValue, int.MaxValue, 5, 30, 50, 51, 150, 300, 500, 501, 1000, 10, 20, 100, 200,
                _values.Between(int.MinValue, 0), _values.Between(1, 1000), _values.Between(1001, int.MaxValue)]);
        }
        while (RequestContract.IsTarget(direction, value));

        return value;
    }

    private int GoodDuration() => _values.Pick<int>([0, 0, 1, 30, 60, RequestContract.MaxDurationMinutes, _values.Between(1, RequestContract.MaxDurationMinutes)]);

    private int BadDuration() => _values.Pick<int>([-1, 241, 1440, 100_000, int.MaxValue, int.MinValue, _values.Between(int.MinValue, -1), _values.Between(241, int.MaxValue)]);

    private long GoodOfferId() => _values.Pick<long>([100101, 100102, 100201, 100202, 201001, 201002, 202001, 202002]);

    private long BadOfferId()
    {
        long value;
        do
        {
            value = _values.Pick<long>([0, -1, long.MinValue, long.MaxValue, -202001, 909999, 202003, 202000, 200001, 200002, 205011, 201501,
                100501, 300201, 2020010, 20200, 1, 99999, 300000,
                // Ids whose direction part truncates to 1 or 2 when narrowed to int: must not decode as an offer.
                ((1L << 32) + 2) * 100_000 + 2001, ((1L << 32) + 1) * 100_000 + 201,
                _values.Between(long.MinValue, 0L), _values.Between(1L, 999_999L), _values.Between(1_000_000L, long.MaxValue)]);
        }
        while (RequestContract.IsOfferId(value));

        return value;
    }
}
