namespace SpeedUp.Protocols.Snmp;

/// <summary>The outcome of <see cref="ISnmpMib.Set"/>.</summary>
/// <param name="Status">The error-status; <see cref="SnmpErrorStatus.NoError"/> when every binding was applied.</param>
/// <param name="ErrorIndex">1-based index of the offending binding; 0 on success.</param>
public readonly record struct SnmpSetResult(SnmpErrorStatus Status, int ErrorIndex)
{
    /// <summary>Every binding was applied.</summary>
    public static SnmpSetResult Success => new(SnmpErrorStatus.NoError, 0);
}
