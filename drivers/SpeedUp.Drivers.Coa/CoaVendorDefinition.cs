namespace SpeedUp.Drivers.Coa;

/// <summary>
/// A BRAS vendor's CoA face as data (<c>drivers/coa-vendors/*.coa.json</c>): the dictionary attributes that carry each
/// direction's rate and their unit, the attribute that names the session, the account grammar, the rate bounds and the
/// dictionary files to load. Checked and resolved against the dictionaries by <see cref="CoaVendor.Compile"/>.
/// </summary>
public sealed class CoaVendorDefinition
{
    /// <summary>Short name, e.g. <c>huawei</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The driver name channels refer to, e.g. <c>huawei-coa</c>.</summary>
    public string Driver { get; set; } = "";

    /// <summary>What the file describes (documentation only).</summary>
    public string? Description { get; set; }

    /// <summary>FreeRADIUS dictionary files, relative to the dictionary directory (<c>Coa:DictionaryDirectory</c>).</summary>
    public IList<string> Dictionaries { get; } = new List<string>();

    /// <summary>The attribute that names the session: <c>User-Name</c>, <c>Framed-IP-Address</c> or <c>Acct-Session-Id</c>.</summary>
    public string Session { get; set; } = "User-Name";

    /// <summary>What an account must match before it becomes a User-Name (a .NET regular expression, anchored).</summary>
    public string AccountPattern { get; set; } = "^[A-Za-z0-9._@-]{1,64}$";

    /// <summary>The rate attribute of each direction.</summary>
    public CoaRateDefinitions Rates { get; set; } = new();

    /// <summary>The lowest rate sent, kbit/s. Default 64.</summary>
    public long MinRateKbps { get; set; } = 64;

    /// <summary>The highest rate sent, kbit/s (also bounded by what the attribute type can carry in its unit).</summary>
    public long MaxRateKbps { get; set; } = 10_000_000;
}

/// <summary>The rate attributes of a vendor, per direction; a direction without one cannot be set.</summary>
public sealed class CoaRateDefinitions
{
    /// <summary>The upstream rate attribute.</summary>
    public CoaRateDefinition? Up { get; set; }

    /// <summary>The downstream rate attribute.</summary>
    public CoaRateDefinition? Down { get; set; }
}

/// <summary>One rate attribute: its dictionary name and its unit (<c>bit/s</c> or <c>kbit/s</c>).</summary>
public sealed class CoaRateDefinition
{
    /// <summary>The dictionary name, e.g. <c>Huawei-Output-Average-Rate</c>.</summary>
    public string Attribute { get; set; } = "";

    /// <summary><c>bit/s</c> or <c>kbit/s</c>.</summary>
    public string Unit { get; set; } = "kbit/s";
}
