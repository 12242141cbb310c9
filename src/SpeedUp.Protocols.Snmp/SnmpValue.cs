namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// The value of a variable binding: one of the SMIv2 types (RFC 2578 §7.1) or one of the
/// SNMPv2 exceptions (RFC 3416 §3). Subtypes are sealed records with value equality.
/// </summary>
public abstract record SnmpValue
{
    /// <summary>The NULL value requests carry.</summary>
    public static SnmpNull Null => SnmpNull.Instance;

    /// <summary>The <c>noSuchObject</c> exception: no object of that type exists at the OID.</summary>
    public static SnmpNoSuchObject NoSuchObject => SnmpNoSuchObject.Instance;

    /// <summary>The <c>noSuchInstance</c> exception: the object type exists, that instance does not.</summary>
    public static SnmpNoSuchInstance NoSuchInstance => SnmpNoSuchInstance.Instance;

    /// <summary>The <c>endOfMibView</c> exception: nothing follows the OID in the view.</summary>
    public static SnmpEndOfMibView EndOfMibView => SnmpEndOfMibView.Instance;

    /// <summary>Whether this is one of the SNMPv2 exceptions rather than a value.</summary>
    public virtual bool IsException => false;
}
