using Broadband.SpeedUp.Admin.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SpeedUp.OperatorConsole.Backend;
using SpeedUp.OperatorConsole.Html;
using SpeedUp.OperatorConsole.Sessions;
using SpeedUp.Signing;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>
/// Sign-in with an operator key (id and secret in a POST form, never in a URL): the key is tried on a signed
/// ChannelAdmin/ListChannels call; a key the service does not accept counts as a failed sign-in for the client address
/// (<see cref="SignInLockout"/>). On success a session is opened and its id set as the cookie.
/// </summary>
internal sealed partial class SignInPage(ConsoleSessions sessions, SignInLockout lockout, AdminBackend backend, IAntiforgery antiforgery, ILogger<SignInPage> logger)
{
    /// <summary>The sign-in path.</summary>
    public const string Path = "/console/sign-in";

    /// <summary>Shows the form.</summary>
    public Task ShowAsync(HttpContext context, int status = StatusCodes.Status200OK, string? error = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = (error is null ? "" : $"<p class=\"error\" id=\"error\">{Markup.E(error)}</p>")
            + Forms.Post(tokens, Path, [], "Sign in",
                "<p><label>Access key id <input name=\"access_key_id\" autocomplete=\"username\" required></label></p>"
                + "<p><label>Access key secret <input type=\"password\" name=\"access_key_secret\" autocomplete=\"current-password\" required></label></p>");
        return ConsoleResponse.HtmlAsync(context, status, Layout.Document("Sign in", body));
    }

    /// <summary>Handles the posted form (its antiforgery token already validated).</summary>
    public async Task SignInAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (lockout.IsLockedOut(address))
        {
            LogLockedOut(address?.ToString() ?? "-");
            await ShowAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins from this address: try again later.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = new AccessKeyCredentials(form["access_key_id"].ToString().Trim(), form["access_key_secret"].ToString());
        if (key.AccessKeyId.Length == 0 || key.AccessKeySecret.Length == 0)
        {
            await FailedAsync(context, key.AccessKeyId);
            return;
        }

        try
        {
            await new ChannelAdmin.ChannelAdminClient(backend.SignedBy(key)).ListChannelsAsync(
                new ListChannelsRequest(), deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: context.RequestAborted);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            await FailedAsync(context, key.AccessKeyId);
            return;
        }
        catch (RpcException e)
        {
            await ShowAsync(context, StatusCodes.Status503ServiceUnavailable, $"The key could not be checked: {e.Status.Detail}");
            return;
        }

        lockout.Succeeded(address);
        sessions.Close(SessionCookie.Read(context)); // a sign-in always gets a new id (no session fixation)
        SessionCookie.Write(context, sessions.Open(key));
        LogSignedIn(key.AccessKeyId, address?.ToString() ?? "-");
        ConsoleResponse.SeeOther(context, "/console/channels");
    }

    private async Task FailedAsync(HttpContext context, string accessKeyId)
    {
        var address = context.Connection.RemoteIpAddress;
        lockout.Failed(address);
        LogRefused(accessKeyId.Length > 64 ? accessKeyId[..64] : accessKeyId, address?.ToString() ?? "-");
        await ShowAsync(context, StatusCodes.Status401Unauthorized, "Sign-in refused: the key is unknown, disabled, wrong, or not an operator key.");
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Console sign-in by access key {AccessKeyId} from {Address}")]
    private partial void LogSignedIn(string accessKeyId, string address);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Console sign-in refused for access key {AccessKeyId} from {Address}")]
    private partial void LogRefused(string accessKeyId, string address);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Console sign-in from {Address} refused: locked out after repeated failures")]
    private partial void LogLockedOut(string address);
}
