namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>The bits of msgFlags, <c>OCTET STRING (SIZE(1))</c> (RFC 3412 §6.4).</summary>
[Flags]
internal enum V3MessageFlags
{
    None = 0,
    Auth = 1,
    Priv = 2,
    Reportable = 4,
}
