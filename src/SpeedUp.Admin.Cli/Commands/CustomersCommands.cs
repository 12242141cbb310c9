using System.CommandLine;
using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Admin.Cli.Calls;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli.Commands;

/// <summary><c>customers create|show|top-up|bill|settle|subscribe|unsubscribe</c> (CustomerAdmin).</summary>
internal static class CustomersCommands
{
    public static Command Build(CommandRunner runner)
    {
        var createId = CustomerId();
        var name = new Option<string>("--name") { Description = "the customer's name", Required = true };
        var unsubscribed = new Option<bool>("--unsubscribed") { Description = "create it without the product's subscription (its calls are refused until subscribed)" };
        var balance = new Option<string?>("--balance") { Description = "initial prepaid balance, CNY (e.g. 1000.00; default 0)" };
        var create = runner.Unary(new Command("create", "Creates a customer.") { createId, name, unsubscribed, balance }, "CustomerAdmin/CreateCustomer",
            (parsed, invoker, ct) => Client(invoker).CreateCustomerAsync(new CreateCustomerRequest
            {
                Id = parsed.GetValue(createId), Name = parsed.GetValue(name), Subscribed = !parsed.GetValue(unsubscribed), InitialBalance = parsed.GetValue(balance) ?? "",
            }, cancellationToken: ct).ResponseAsync,
            CustomerViews.WriteOne);

        var showId = CustomerId();
        var show = runner.Unary(new Command("show", "One customer: subscription, balance, frozen amount.") { showId }, "CustomerAdmin/GetCustomer",
            (parsed, invoker, ct) => Client(invoker).GetCustomerAsync(new GetCustomerRequest { Id = parsed.GetValue(showId) }, cancellationToken: ct).ResponseAsync,
            CustomerViews.WriteOne);

        var topUpId = CustomerId();
        var amount = new Argument<string>("amount") { Description = "CNY to add, positive, at most four decimals (e.g. 500.00)" };
        var topUp = runner.Unary(new Command("top-up", "Adds to a customer's prepaid balance.") { topUpId, amount }, "CustomerAdmin/TopUpBalance",
            (parsed, invoker, ct) => Client(invoker).TopUpBalanceAsync(
                new TopUpBalanceRequest { Id = parsed.GetValue(topUpId), Amount = parsed.GetValue(amount) }, cancellationToken: ct).ResponseAsync,
            CustomerViews.WriteOne);

        var billId = CustomerId();
        var billMonth = Month(required: true);
        var bill = runner.Unary(new Command("bill", "A customer's bill for a month: the settled one, or a preview at the current volumes.") { billId, billMonth },
            "CustomerAdmin/GetBill",
            (parsed, invoker, ct) => Client(invoker).GetBillAsync(
                new GetBillRequest { CustomerId = parsed.GetValue(billId), Month = parsed.GetValue(billMonth) }, cancellationToken: ct).ResponseAsync,
            CustomerViews.WriteBill);

        var settleMonth = Month(required: true);
        var settleCustomer = new Option<string?>("--customer") { Description = "only this customer (default: every customer with orders in the month)" };
        var settle = runner.Unary(new Command("settle", "Settles a month that is over (idempotent).") { settleMonth, settleCustomer }, "CustomerAdmin/RunSettlement",
            (parsed, invoker, ct) => Client(invoker).RunSettlementAsync(
                new RunSettlementRequest { Month = parsed.GetValue(settleMonth), CustomerId = parsed.GetValue(settleCustomer) ?? "" }, cancellationToken: ct).ResponseAsync,
            CustomerViews.WriteBills);

        var subscribe = Subscription(runner, "subscribe", "Subscribes a customer to the product.", subscribed: true);
        var unsubscribe = Subscription(runner, "unsubscribe", "Unsubscribes a customer: its calls are refused (isv.PRODUCT_UNSUBSCRIBE) until subscribed again.", subscribed: false);

        return new Command("customers", "Customers, balances and bills (CustomerAdmin).") { create, show, topUp, bill, settle, subscribe, unsubscribe };
    }

    private static Command Subscription(CommandRunner runner, string name, string description, bool subscribed)
    {
        var id = CustomerId();
        return runner.Unary(new Command(name, description) { id }, "CustomerAdmin/SetSubscription",
            (parsed, invoker, ct) => Client(invoker).SetSubscriptionAsync(
                new SetSubscriptionRequest { Id = parsed.GetValue(id), Subscribed = subscribed }, cancellationToken: ct).ResponseAsync,
            CustomerViews.WriteOne);
    }

    private static Argument<string> CustomerId() => new("customer-id") { Description = "the customer's id (1..64 of A-Z a-z 0-9 . _ -)" };

    private static Option<string> Month(bool required) => new("--month") { Description = "the month, yyyy-MM (CST)", Required = required };

    private static CustomerAdmin.CustomerAdminClient Client(Grpc.Core.CallInvoker invoker) => new(invoker);
}
