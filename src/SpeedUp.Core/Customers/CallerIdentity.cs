namespace SpeedUp.Core.Customers;

/// <summary>Who is calling: the access key that signed the call and the customer it acts for.</summary>
public interface ICallerContext
{
    /// <summary>The customer the signing key acts for; null for an operator key (or before authentication).</summary>
    string? CustomerId { get; }

    /// <summary>The AccessKeyId that signed the call; null before authentication.</summary>
    string? AccessKeyId { get; }
}

/// <summary>
/// The per-call seam between the transport and the domain: the transport identifies the caller once per call (from
/// the verified signature), the services read it. Registered scoped: one per call.
/// </summary>
public sealed class CallerIdentity : ICallerContext
{
    /// <inheritdoc />
    public string? CustomerId { get; private set; }

    /// <inheritdoc />
    public string? AccessKeyId { get; private set; }

    /// <summary>Records the verified caller of this call.</summary>
    public void Identify(string accessKeyId, string? customerId)
    {
        AccessKeyId = accessKeyId;
        CustomerId = string.IsNullOrEmpty(customerId) ? null : customerId;
    }
}
