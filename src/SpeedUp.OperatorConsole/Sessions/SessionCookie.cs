using Microsoft.AspNetCore.Http;

namespace SpeedUp.OperatorConsole.Sessions;

/// <summary>The session cookie: HttpOnly, SameSite=Strict, path /console, Secure when the request came over HTTPS.</summary>
internal static class SessionCookie
{
    /// <summary>The cookie's name.</summary>
    public const string Name = "speedup-console";

    /// <summary>The session id the request carries, if any.</summary>
    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    /// <summary>Sets the cookie to <paramref name="sessionId"/>.</summary>
    public static void Write(HttpContext context, string sessionId) => context.Response.Cookies.Append(Name, sessionId, Options(context));

    /// <summary>Removes the cookie.</summary>
    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context));

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/console", IsEssential = true,
    };
}
