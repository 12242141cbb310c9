namespace SpeedUp.Simulator;

/// <summary>
/// A vendor attribute the CoA face accepts as a rate: which direction it shapes and how many of its units make one
/// kbit/s (1000 for attributes in bit/s, 1 for kbit/s).
/// </summary>
/// <param name="Name">The dictionary name, e.g. <c>Huawei-Output-Average-Rate</c>.</param>
/// <param name="Direction">The direction it shapes.</param>
/// <param name="UnitsPerKbps">1000 (bit/s) or 1 (kbit/s).</param>
public sealed record CoaRateAttribute(string Name, RateDirection Direction, long UnitsPerKbps)
{
    /// <summary>The rate attributes the face knows: Huawei and H3C average rates (bit/s), ZTE sustained cell rates (kbit/s).</summary>
    public static IReadOnlyList<CoaRateAttribute> Known { get; } =
    [
        new("Huawei-Input-Average-Rate", RateDirection.Up, 1000),
        new("Huawei-Output-Average-Rate", RateDirection.Down, 1000),
        new("H3C-Input-Average-Rate", RateDirection.Up, 1000),
        new("H3C-Output-Average-Rate", RateDirection.Down, 1000),
        new("ZTE-Rate-Ctrl-SCR-Up", RateDirection.Up, 1),
        new("ZTE-Rate-Ctrl-SCR-Down", RateDirection.Down, 1),
    ];

    /// <summary>The dictionary files the face loads (from <see cref="CoaFaceOptions.DictionaryDirectory"/>).</summary>
    public static IReadOnlyList<string> DictionaryFiles { get; } =
    [
        "dictionary.rfc2865", "dictionary.rfc2866", "dictionary.rfc2869", "dictionary.rfc3576", "dictionary.rfc5176",
        "dictionary.huawei", "dictionary.h3c", "dictionary.zte",
    ];
}
