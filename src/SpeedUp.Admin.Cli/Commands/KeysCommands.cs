using System.CommandLine;
using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Admin.Cli.Calls;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli.Commands;

/// <summary><c>keys create|list|rotate|disable|enable|audit</c> (AccessKeyAdmin).</summary>
internal static class KeysCommands
{
    public static Command Build(CommandRunner runner)
    {
        var createCustomer = new Option<string?>("--customer") { Description = "the customer the key acts for (none: an operator key for the admin APIs)" };
        var actions = new Option<string[]>("--action")
        {
            Description = "an action to grant (repeat): SpeedUpService/*, SpeedUpService/Precheck, SessionAdmin/ListSessions, *",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var description = new Option<string?>("--description") { Description = "what the key is for" };
        var create = runner.Unary(new Command("create", "Creates a key; its secret is shown once.") { createCustomer, actions, description },
            "AccessKeyAdmin/CreateAccessKey",
            (parsed, invoker, ct) => Client(invoker).CreateAccessKeyAsync(new CreateAccessKeyRequest
            {
                CustomerId = parsed.GetValue(createCustomer) ?? "", Actions = { parsed.GetValue(actions) ?? [] }, Description = parsed.GetValue(description) ?? "",
            }, cancellationToken: ct).ResponseAsync,
            KeyViews.WriteWithSecret);

        var listCustomer = new Option<string?>("--customer") { Description = "only this customer's keys" };
        var list = runner.Unary(new Command("list", "Keys (never their secrets) that your key may administer.") { listCustomer }, "AccessKeyAdmin/ListAccessKeys",
            (parsed, invoker, ct) => Client(invoker).ListAccessKeysAsync(new ListAccessKeysRequest { CustomerId = parsed.GetValue(listCustomer) ?? "" },
                cancellationToken: ct).ResponseAsync,
            KeyViews.WriteList);

        var rotateId = KeyId();
        var grace = new Option<long>("--grace-seconds") { Description = "how long the previous secret stays valid (0..604800; default 0)" };
        var rotate = runner.Unary(new Command("rotate", "Gives a key a new secret, shown once.") { rotateId, grace }, "AccessKeyAdmin/RotateAccessKey",
            (parsed, invoker, ct) => Client(invoker).RotateAccessKeyAsync(
                new RotateAccessKeyRequest { AccessKeyId = parsed.GetValue(rotateId), PreviousValidSeconds = parsed.GetValue(grace) }, cancellationToken: ct).ResponseAsync,
            KeyViews.WriteWithSecret);

        var disableId = KeyId();
        var disable = runner.Unary(new Command("disable", "Disables a key: its calls are refused from now on.") { disableId }, "AccessKeyAdmin/DisableAccessKey",
            (parsed, invoker, ct) => Client(invoker).DisableAccessKeyAsync(new AccessKeyRef { AccessKeyId = parsed.GetValue(disableId) }, cancellationToken: ct).ResponseAsync,
            KeyViews.WriteOne);

        var enableId = KeyId();
        var enable = runner.Unary(new Command("enable", "Enables a disabled key again.") { enableId }, "AccessKeyAdmin/EnableAccessKey",
            (parsed, invoker, ct) => Client(invoker).EnableAccessKeyAsync(new AccessKeyRef { AccessKeyId = parsed.GetValue(enableId) }, cancellationToken: ct).ResponseAsync,
            KeyViews.WriteOne);

        var auditKey = new Option<string?>("--key") { Description = "only this key's entries" };
        var auditLimit = new Option<int>("--limit") { Description = "at most this many (1..1000; default 100)" };
        var audit = runner.Unary(new Command("audit", "The key audit log, newest first.") { auditKey, auditLimit }, "AccessKeyAdmin/ListAuditEntries",
            (parsed, invoker, ct) => Client(invoker).ListAuditEntriesAsync(
                new ListAuditEntriesRequest { AccessKeyId = parsed.GetValue(auditKey) ?? "", Limit = parsed.GetValue(auditLimit) }, cancellationToken: ct).ResponseAsync,
            KeyViews.WriteAudit);

        return new Command("keys", "Access keys (AccessKeyAdmin).") { create, list, rotate, disable, enable, audit };
    }

    private static Argument<string> KeyId() => new("access-key-id") { Description = "the key's AccessKeyId" };

    private static AccessKeyAdmin.AccessKeyAdminClient Client(Grpc.Core.CallInvoker invoker) => new(invoker);
}
