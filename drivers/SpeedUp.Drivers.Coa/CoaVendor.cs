using System.Text.RegularExpressions;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa;

/// <summary>
/// A <see cref="CoaVendorDefinition"/> checked against its dictionaries: every attribute it names exists with an integer
/// type, the units are known, the account pattern compiles, and each direction's rate bounds fit what its attribute can
/// carry. Immutable; thread-safe.
/// </summary>
public sealed class CoaVendor
{
    private readonly IReadOnlyDictionary<Direction, CoaRateAttribute> _rates;

    private CoaVendor(CoaVendorDefinition definition, RadiusDictionary dictionary, CoaSession session, Regex account, IReadOnlyDictionary<Direction, CoaRateAttribute> rates)
    {
        Name = definition.Name;
        Driver = definition.Driver;
        Dictionary = dictionary;
        Session = session;
        AccountPattern = account;
        MinRateKbps = definition.MinRateKbps;
        _rates = rates;
    }

    /// <summary>Short name, e.g. <c>huawei</c>.</summary>
    public string Name { get; }

    /// <summary>The driver name, e.g. <c>huawei-coa</c>.</summary>
    public string Driver { get; }

    /// <summary>The dictionaries loaded.</summary>
    public RadiusDictionary Dictionary { get; }

    /// <summary>How a request names the session.</summary>
    public CoaSession Session { get; }

    /// <summary>What an account must match.</summary>
    public Regex AccountPattern { get; }

    /// <summary>The lowest rate sent, kbit/s.</summary>
    public long MinRateKbps { get; }

    /// <summary>The directions this vendor can set.</summary>
    public IEnumerable<Direction> Directions => _rates.Keys;

    /// <summary>The rate attribute of <paramref name="direction"/>, when the vendor has one.</summary>
    internal bool TryGetRate(Direction direction, out CoaRateAttribute rate) => _rates.TryGetValue(direction, out rate!);

    /// <summary>Checks <paramref name="definition"/> against the dictionaries it names under <paramref name="dictionaryDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">Every problem found, in one message.</exception>
    public static CoaVendor Compile(CoaVendorDefinition definition, string dictionaryDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.Driver))
        {
            problems.Add("driver is required");
        }

        RadiusDictionary dictionary;
        try
        {
            dictionary = RadiusDictionary.Load(definition.Dictionaries.Select(f => Path.Combine(dictionaryDirectory, f)));
        }
        catch (RadiusDictionaryException e)
        {
            throw new InvalidOperationException("CoA vendor " + definition.Name + ": its dictionaries cannot be loaded from " + dictionaryDirectory + ": " + e.Message, e);
        }

        var session = definition.Session switch
        {
            "User-Name" => CoaSession.UserName,
            "Framed-IP-Address" => CoaSession.FramedIpAddress,
            "Acct-Session-Id" => CoaSession.AcctSessionId,
            _ => Problem<CoaSession>(problems, "session must be User-Name, Framed-IP-Address or Acct-Session-Id, got '" + definition.Session + "'"),
        };
        if (!dictionary.TryGetAttribute(definition.Session, out _))
        {
            problems.Add("session attribute " + definition.Session + " is in none of its dictionaries");
        }

        Regex? account = null;
        try
        {
            account = new Regex(definition.AccountPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException e)
        {
            problems.Add("accountPattern does not compile: " + e.Message);
        }

        if (definition.MinRateKbps < 1 || definition.MaxRateKbps < definition.MinRateKbps)
        {
            problems.Add("minRateKbps must be at least 1 and at most maxRateKbps");
        }

        var rates = new Dictionary<Direction, CoaRateAttribute>();
        foreach (var (direction, rate) in new[] { (Direction.Up, definition.Rates.Up), (Direction.Down, definition.Rates.Down) })
        {
            if (rate is null)
            {
                continue;
            }

            if (CoaRateAttribute.TryResolve(rate, dictionary, definition.MaxRateKbps, out var resolved, out var problem))
            {
                rates[direction] = resolved!;
            }
            else
            {
                problems.Add("rates." + direction.ToString().ToLowerInvariant() + ": " + problem);
            }
        }

        if (rates.Count == 0)
        {
            problems.Add("rates must name an attribute for at least one direction");
        }

        return problems.Count > 0
            ? throw new InvalidOperationException("CoA vendor " + definition.Name + ": " + string.Join("; ", problems) + ".")
            : new CoaVendor(definition, dictionary, session, account!, rates);
    }

    private static T Problem<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default!;
    }
}
