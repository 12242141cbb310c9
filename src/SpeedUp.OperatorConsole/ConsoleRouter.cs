using Grpc.Core;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using SpeedUp.OperatorConsole.Backend;
using SpeedUp.OperatorConsole.Html;
using SpeedUp.OperatorConsole.Pages;
using SpeedUp.OperatorConsole.Sessions;

namespace SpeedUp.OperatorConsole;

/// <summary>
/// Serves <c>/console/…</c>: the stylesheet and sign-in to anybody; every other page only with a live session cookie
/// (GET without one: 303 to sign-in; POST without one: 401); every POST only with a valid antiforgery token (else 400),
/// then Post/Redirect/Get. A refused or failed admin call shows as an error on the page (encoded).
/// </summary>
internal sealed class ConsoleRouter(ConsoleSessions sessions, SignInPage signIn, AdminBackend backend, IAntiforgery antiforgery, IEnumerable<IConsolePage> pages)
{
    /// <summary>The console's path prefix.</summary>
    public const string Prefix = "/console";

    /// <summary>Handles a request under <see cref="Prefix"/>.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var post = HttpMethods.IsPost(context.Request.Method);
        if (!post && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await ConsoleResponse.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "text/plain; charset=utf-8", "method not allowed");
            return;
        }

        if (path is "/console" or "/console/")
        {
            ConsoleResponse.SeeOther(context, "/console/channels");
            return;
        }

        if (path == "/console/console.css" && !post)
        {
            await ConsoleResponse.WriteAsync(context, StatusCodes.Status200OK, "text/css; charset=utf-8", Layout.Stylesheet);
            return;
        }

        if (path == SignInPage.Path)
        {
            if (!post)
            {
                await signIn.ShowAsync(context);
            }
            else if (await CsrfValidAsync(context))
            {
                await signIn.SignInAsync(context);
            }

            return;
        }

        var sessionId = SessionCookie.Read(context);
        var session = sessions.Find(sessionId);
        if (session is null)
        {
            if (post)
            {
                await ConsoleResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "text/plain; charset=utf-8", "sign in first: no console session");
            }
            else
            {
                ConsoleResponse.SeeOther(context, SignInPage.Path);
            }

            return;
        }

        if (post && !await CsrfValidAsync(context))
        {
            return;
        }

        if (post && path == "/console/sign-out")
        {
            sessions.Close(sessionId);
            SessionCookie.Clear(context);
            ConsoleResponse.SeeOther(context, SignInPage.Path);
            return;
        }

        var request = new ConsoleRequest(context, session, antiforgery.GetAndStoreTokens(context), backend.SignedBy(session.Key));
        if (post)
        {
            await PostAsync(request, path);
            return;
        }

        var page = pages.SingleOrDefault(p => p.Path == path);
        if (page is null)
        {
            await ConsoleResponse.WriteAsync(context, StatusCodes.Status404NotFound, "text/plain; charset=utf-8", "not found");
            return;
        }

        string body;
        string? error = null;
        try
        {
            body = await page.RenderAsync(request);
        }
        catch (RpcException e)
        {
            body = "";
            error = Describe(e);
        }

        await ConsoleResponse.HtmlAsync(context, StatusCodes.Status200OK,
            Layout.Page(page.Title, session.Key.AccessKeyId, request.Tokens, session.TakeNotice(), error, body));
    }

    private async Task PostAsync(ConsoleRequest request, string path)
    {
        var slash = path.LastIndexOf('/');
        var page = pages.SingleOrDefault(p => p.Path == path[..slash]);
        var form = await request.Http.Request.ReadFormAsync(request.Aborted);
        string? notice;
        try
        {
            notice = page is null ? null : await page.PostAsync(request, path[(slash + 1)..], form);
        }
        catch (RpcException e)
        {
            notice = "Refused: " + Describe(e);
        }

        if (page is null || notice is null)
        {
            await ConsoleResponse.WriteAsync(request.Http, StatusCodes.Status404NotFound, "text/plain; charset=utf-8", "not found");
            return;
        }

        request.Session.Notice = notice;
        ConsoleResponse.SeeOther(request.Http, page.Path);
    }

    private async Task<bool> CsrfValidAsync(HttpContext context)
    {
        if (await antiforgery.IsRequestValidAsync(context))
        {
            return true;
        }

        await ConsoleResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "text/plain; charset=utf-8", "missing or invalid antiforgery token");
        return false;
    }

    private static string Describe(RpcException e)
    {
        var code = e.Trailers.GetValue("x-product-code");
        var detail = e.Status.Detail;
        return code is null || detail.StartsWith($"[{code}]", StringComparison.Ordinal) ? $"{e.StatusCode}: {detail}" : $"{e.StatusCode}: [{code}] {detail}";
    }
}
