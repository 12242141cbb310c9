namespace SpeedUp.Protocols.Snmp;

/// <summary>
/// The variables an <see cref="SnmpAgent"/> serves. Called from the agent's receive loop, one request
/// at a time; implementations must be thread-safe against their own other writers.
/// </summary>
public interface ISnmpMib
{
    /// <summary>The value at <paramref name="oid"/>, or <see cref="SnmpValue.NoSuchObject"/> /
    /// <see cref="SnmpValue.NoSuchInstance"/> when absent.</summary>
    SnmpValue Get(ObjectIdentifier oid);

    /// <summary>The first variable whose OID is lexicographically greater than <paramref name="oid"/>,
    /// or null at the end of the MIB view.</summary>
    VarBind? GetNext(ObjectIdentifier oid);

    /// <summary>Applies every binding or none (RFC 3416 §4.2.5).</summary>
    /// <returns>The status and the 1-based index of the first offending binding (0 on success).</returns>
    SnmpSetResult Set(IReadOnlyList<VarBind> bindings);
}
