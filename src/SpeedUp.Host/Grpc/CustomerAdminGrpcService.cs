using Broadband.SpeedUp.Admin.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using DomainBill = SpeedUp.Core.Billing.Bill;
using DomainCustomer = SpeedUp.Core.Customers.Customer;
using Wire = Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Host.Grpc;

/// <summary>The operator's customers, balances and settlement (protos/broadband/speedup/admin/v1/customers.proto).</summary>
internal sealed class CustomerAdminGrpcService(CustomerService customers, SettlementService settlement) : CustomerAdmin.CustomerAdminBase
{
    /// <inheritdoc />
    public override async Task<Wire.Customer> CreateCustomer(CreateCustomerRequest request, ServerCallContext context) =>
        ToWire(await customers.CreateAsync(request.Id, request.Name, request.Subscribed,
            string.IsNullOrEmpty(request.InitialBalance) ? 0m : Amount(request.InitialBalance, "initial_balance"), context.CancellationToken));

    /// <inheritdoc />
    public override async Task<Wire.Customer> GetCustomer(GetCustomerRequest request, ServerCallContext context) =>
        ToWire(await customers.GetAsync(request.Id, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<Wire.Customer> TopUpBalance(TopUpBalanceRequest request, ServerCallContext context) =>
        ToWire(await customers.TopUpAsync(request.Id, Amount(request.Amount, "amount"), context.CancellationToken));

    /// <inheritdoc />
    public override async Task<Wire.Customer> SetSubscription(SetSubscriptionRequest request, ServerCallContext context) =>
        ToWire(await customers.SetSubscriptionAsync(request.Id, request.Subscribed, context.CancellationToken));

    /// <inheritdoc />
    public override async Task<RunSettlementResponse> RunSettlement(RunSettlementRequest request, ServerCallContext context)
    {
        var bills = await settlement.SettleAsync(request.Month, request.CustomerId, context.CancellationToken);
        return new RunSettlementResponse { Bills = { bills.Select(ToWire) } };
    }

    /// <inheritdoc />
    public override async Task<Wire.Bill> GetBill(GetBillRequest request, ServerCallContext context) =>
        ToWire(await settlement.GetBillAsync(request.CustomerId, request.Month, context.CancellationToken));

    private static decimal Amount(string text, string field) => Money.Parse(text)
        ?? throw SpeedUpException.InvalidParameter($"{field} must be a CNY amount such as 100.00.");

    private static Wire.Customer ToWire(DomainCustomer c) => new()
    {
        Id = c.Id, Name = c.Name, Subscribed = c.Subscribed, Balance = Money.Format(c.Balance), Frozen = Money.Format(c.Frozen),
        CreatedAt = Timestamp.FromDateTimeOffset(c.CreatedAt),
    };

    private static Wire.Bill ToWire(DomainBill b)
    {
        var bill = new Wire.Bill
        {
            CustomerId = b.CustomerId, Month = b.Month, Settled = b.Settled,
            Total = Money.Format(b.Total), Frozen = Money.Format(b.Frozen), Released = Money.Format(b.Released),
            Lines =
            {
                b.Lines.Select(l => new Wire.BillLine
                {
                    Direction = l.Direction == SpeedUp.Drivers.Direction.Up ? "UP" : "DOWN",
                    BandwidthMbps = l.BandwidthMbps,
                    Product = l.Product == ProductType.HourPack ? "HOUR_PACK" : "THIRTY_DAY_PACK",
                    Volume = l.Volume,
                    UnitPrice = Money.Format(l.UnitPrice),
                    Total = Money.Format(l.Total),
                    Frozen = Money.Format(l.Frozen),
                }),
            },
        };
        if (b.SettledAt is { } at)
        {
            bill.SettledAt = Timestamp.FromDateTimeOffset(at);
        }

        return bill;
    }
}
