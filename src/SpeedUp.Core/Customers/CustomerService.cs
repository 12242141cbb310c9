using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Storage;

namespace SpeedUp.Core.Customers;

/// <summary>Customers: who may call (known and subscribed), provisioning, balances.</summary>
public sealed partial class CustomerService(ICustomerStore store, IOptions<CustomerOptions> options, TimeProvider time)
{
    /// <summary>
    /// How long a calling customer found subscribed is taken as subscribed without reading the store again. An
    /// unsubscription through this instance counts at its next call; one made by another instance sharing the database
    /// counts here within this time (as a disabled access key does: <see cref="Access.AccessKeyService.VerificationCacheTime"/>).
    /// </summary>
    public static readonly TimeSpan SubscribedCacheTime = TimeSpan.FromSeconds(2);

    /// <summary>At most this many subscribed customers are remembered; beyond, the memory starts over.</summary>
    private const int SubscribedCacheCapacity = 10_000;

    /// <summary>
    /// The customers a recent call found subscribed (only those: an unknown or unsubscribed customer is read again at
    /// its next call, so a new customer or subscription counts at once on every instance).
    /// </summary>
    private readonly RecentReads<bool> _subscribed = new(time, SubscribedCacheCapacity);

    /// <summary>Whether <paramref name="customerId"/> is a well-formed id.</summary>
    public static bool IsValidId(string? customerId) => customerId is not null && IdPattern().IsMatch(customerId);

    /// <summary>
    /// The id of the calling customer (the one the signing access key acts for), who must exist
    /// (<c>isp.RAM_PERMISSION_DENY</c> otherwise) and be subscribed (<c>isv.PRODUCT_UNSUBSCRIBE</c>). An operator key
    /// acts for no customer. A customer found subscribed is taken as such for <see cref="SubscribedCacheTime"/>
    /// without reading the store again (an unsubscription through this instance counts at once).
    /// </summary>
    public async Task<string> RequireActiveAsync(ICallerContext caller, CancellationToken cancellationToken)
    {
        var id = caller.CustomerId;
        if (id is null)
        {
            throw new SpeedUpException(ProductErrorCode.PermissionDenied, FailureKind.PermissionDenied,
                "The access key acts for no customer (an operator key cannot call the customer API).");
        }

        if (_subscribed.TryGet(id, out _))
        {
            return id;
        }

        var generation = _subscribed.Generation;
        var customer = IsValidId(id) ? await store.FindAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (customer is null)
        {
            throw new SpeedUpException(ProductErrorCode.PermissionDenied, FailureKind.PermissionDenied,
                "The calling customer is not known.");
        }

        if (!customer.Subscribed)
        {
            throw new SpeedUpException(ProductErrorCode.ProductUnsubscribed, FailureKind.PermissionDenied,
                $"Customer '{customer.Id}' has not subscribed to the product.");
        }

        _subscribed.Remember(id, true, time.GetUtcNow() + SubscribedCacheTime, generation);
        return id;
    }

    /// <summary>Creates a customer (<c>ALREADY_EXISTS</c> when the id is taken).</summary>
    public async Task<Customer> CreateAsync(string? customerId, string? name, bool subscribed, decimal initialBalance, CancellationToken cancellationToken)
    {
        var id = RequireId(customerId);
        RequireAmount(initialBalance, "initial_balance", allowZero: true);
        var customer = new Customer(id, Name(name), subscribed, initialBalance, 0m, time.GetUtcNow());
        if (!await store.CreateAsync(customer, cancellationToken).ConfigureAwait(false))
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.AlreadyExists, $"Customer '{id}' already exists.");
        }

        return customer;
    }

    /// <summary>The customer (<c>NOT_FOUND</c> when unknown).</summary>
    public async Task<Customer> GetAsync(string? customerId, CancellationToken cancellationToken) =>
        await store.FindAsync(RequireId(customerId), cancellationToken).ConfigureAwait(false) ?? throw NotFound(customerId!);

    /// <summary>Adds a positive amount to the balance.</summary>
    public async Task<Customer> TopUpAsync(string? customerId, decimal amount, CancellationToken cancellationToken)
    {
        var id = RequireId(customerId);
        RequireAmount(amount, "amount", allowZero: false);
        return await store.TopUpAsync(id, amount, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
    }

    /// <summary>Subscribes or unsubscribes the customer.</summary>
    public async Task<Customer> SetSubscriptionAsync(string? customerId, bool subscribed, CancellationToken cancellationToken)
    {
        var id = RequireId(customerId);
        var customer = await store.SetSubscriptionAsync(id, subscribed, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        _subscribed.Forget(id);
        return customer;
    }

    /// <summary>Provisions the configured customers (<c>SpeedUp:Customers:Seed</c>).</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var seed in options.Value.Seed)
        {
            await store.SeedAsync(seed.Id, Name(seed.Name), seed.Subscribed, seed.Balance, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            _subscribed.Forget(seed.Id);
        }
    }

    /// <summary>Checks an id from a request.</summary>
    public static string RequireId(string? customerId) => IsValidId(customerId)
        ? customerId!
        : throw SpeedUpException.InvalidParameter("customer_id must be 1..64 of [A-Za-z0-9._-].");

    private static string Name(string? name) => (name ?? "").Trim() is { Length: <= 128 } trimmed && !trimmed.Any(char.IsControl)
        ? trimmed
        : throw SpeedUpException.InvalidParameter("name must be at most 128 printable characters.");

    private static void RequireAmount(decimal amount, string field, bool allowZero)
    {
        if (amount < 0 || (!allowZero && amount == 0) || !Money.IsExact(amount) || amount > 1_000_000_000_000m)
        {
            throw SpeedUpException.InvalidParameter($"{field} must be a {(allowZero ? "non-negative" : "positive")} CNY amount with at most four decimals.");
        }
    }

    private static SpeedUpException NotFound(string id) =>
        new(ProductErrorCode.InvalidParameters, FailureKind.NotFound, $"No customer '{id}'.");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex IdPattern();
}
