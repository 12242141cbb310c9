using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using Microsoft.AspNetCore.Http;
using SpeedUp.OperatorConsole.Html;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>Access keys the operator's key may read (AccessKeyAdmin/ListAccessKeys; never a secret); disable one.</summary>
internal sealed class KeysPage : IConsolePage
{
    public string Path => "/console/keys";

    public string Title => "Access keys";

    public async Task<string> RenderAsync(ConsoleRequest request)
    {
        var listed = await new AccessKeyAdmin.AccessKeyAdminClient(request.Api).ListAccessKeysAsync(
            new ListAccessKeysRequest { CustomerId = request.Query("customer") }, cancellationToken: request.Aborted);
        return Table("keys", ["access key id", "customer", "actions", "enabled", "description", "created (UTC)", "rotated (UTC)", ""],
            listed.Keys.Select(k => Row(
                [
                    k.AccessKeyId, k.CustomerId.Length == 0 ? "(operator)" : k.CustomerId, string.Join(", ", k.Actions), k.Enabled ? "yes" : "no", k.Description,
                    Time(k.CreatedAt), Time(k.RotatedAt),
                ],
                k.Enabled ? Forms.Post(request.Tokens, Path + "/disable", [("access_key_id", k.AccessKeyId)], "Disable") : "")));
    }

    public async Task<string?> PostAsync(ConsoleRequest request, string action, IFormCollection form)
    {
        if (action != "disable")
        {
            return null;
        }

        var key = await new AccessKeyAdmin.AccessKeyAdminClient(request.Api).DisableAccessKeyAsync(
            new AccessKeyRef { AccessKeyId = form["access_key_id"].ToString() }, cancellationToken: request.Aborted);
        return $"Disabled access key {key.AccessKeyId}.";
    }

    private static string Time(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
