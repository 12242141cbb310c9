using Microsoft.AspNetCore.Http;

namespace SpeedUp.OperatorConsole.Html;

/// <summary>
/// Writes console responses with their security headers: a strict Content-Security-Policy (no script at all, styles
/// from the console's own stylesheet, forms only to itself, never framed), no sniffing, no referrer, never cached.
/// </summary>
internal static class ConsoleResponse
{
    /// <summary>The Content-Security-Policy of every console response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>An HTML page.</summary>
    public static Task HtmlAsync(HttpContext context, int status, string html) => WriteAsync(context, status, "text/html; charset=utf-8", html);

    /// <summary>Any console body.</summary>
    public static Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        Secure(context.Response);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A 303 to <paramref name="location"/> (after a POST, or to the sign-in page).</summary>
    public static void SeeOther(HttpContext context, string location)
    {
        Secure(context.Response);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = location;
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }
}
