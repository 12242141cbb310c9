namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// The usmStats counters (RFC 3414 §5, SNMP-USER-BASED-SM-MIB, 1.3.6.1.6.3.15.1.1) and the MPD ones Reports
/// also carry (RFC 3412 §5, 1.3.6.1.6.3.11.2.1), with their names for <see cref="SnmpAuthenticationException"/>.
/// </summary>
internal static class UsmStats
{
    public static readonly ObjectIdentifier UnsupportedSecLevels = ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.1.0");
    public static readonly ObjectIdentifier NotInTimeWindows = ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.2.0");
    public static readonly ObjectIdentifier UnknownUserNames = ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.3.0");
    public static readonly ObjectIdentifier UnknownEngineIds = ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.4.0");
    public static readonly ObjectIdentifier WrongDigests = ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.5.0");
    public static readonly ObjectIdentifier DecryptionErrors = ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.6.0");
    public static readonly ObjectIdentifier UnknownSecurityModels = ObjectIdentifier.Parse("1.3.6.1.6.3.11.2.1.1.0");
    public static readonly ObjectIdentifier InvalidMsgs = ObjectIdentifier.Parse("1.3.6.1.6.3.11.2.1.2.0");
    public static readonly ObjectIdentifier UnknownPduHandlers = ObjectIdentifier.Parse("1.3.6.1.6.3.11.2.1.3.0");
    public static readonly ObjectIdentifier UnavailableContexts = ObjectIdentifier.Parse("1.3.6.1.6.3.12.1.4.0");
    public static readonly ObjectIdentifier UnknownContexts = ObjectIdentifier.Parse("1.3.6.1.6.3.12.1.5.0");

    /// <summary>The MIB name of a Report's variable, or its dotted OID when not a known one.</summary>
    public static string NameOf(ObjectIdentifier oid)
    {
        string[] names =
        [
            "usmStatsUnsupportedSecLevels", "usmStatsNotInTimeWindows", "usmStatsUnknownUserNames",
            "usmStatsUnknownEngineIDs", "usmStatsWrongDigests", "usmStatsDecryptionErrors",
            "snmpUnknownSecurityModels", "snmpInvalidMsgs", "snmpUnknownPDUHandlers",
            "snmpUnavailableContexts", "snmpUnknownContexts",
        ];
        ObjectIdentifier[] oids =
        [
            UnsupportedSecLevels, NotInTimeWindows, UnknownUserNames, UnknownEngineIds, WrongDigests, DecryptionErrors,
            UnknownSecurityModels, InvalidMsgs, UnknownPduHandlers, UnavailableContexts, UnknownContexts,
        ];
        var index = Array.IndexOf(oids, oid);
        return index >= 0 ? names[index] : oid.ToString();
    }

    /// <summary>What a Report means, for exception messages (no secrets).</summary>
    public static string Explain(ObjectIdentifier oid) =>
        oid == WrongDigests ? "wrong authentication password or key"
        : oid == UnknownUserNames ? "the agent does not know the user"
        : oid == UnsupportedSecLevels ? "the user does not support the requested security level"
        : oid == DecryptionErrors ? "the agent could not decrypt the request (wrong privacy protocol or parameters)"
        : oid == NotInTimeWindows ? "the request was outside the agent's time window even after resynchronization"
        : oid == UnknownEngineIds ? "the agent does not accept the snmpEngineID used"
        : "the agent refused the request";
}
