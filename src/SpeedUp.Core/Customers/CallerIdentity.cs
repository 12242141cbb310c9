namespace SpeedUp.Core.Customers;

/// <summary>Who is calling: the customer a request acts for (null when the call named none).</summary>
public interface ICallerContext
{
    /// <summary>The calling customer's id as the transport named it (not yet checked), or null.</summary>
    string? CustomerId { get; }
}

/// <summary>
/// The per-call seam between the transport and the domain: the transport identifies the caller once per call
/// (today the <c>x-customer-id</c> header, later the customer of a signed access key), the services read it.
/// Registered scoped: one per call.
/// </summary>
public sealed class CallerIdentity : ICallerContext
{
    /// <inheritdoc />
    public string? CustomerId { get; private set; }

    /// <summary>Records the caller's customer id for this call.</summary>
    public void Identify(string? customerId) => CustomerId = string.IsNullOrEmpty(customerId) ? null : customerId;
}
