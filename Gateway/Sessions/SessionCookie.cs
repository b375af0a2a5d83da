using Microsoft.AspNetCore.Http;

namespace Solara.Orleans.Gateway.Sessions;

/// <summary>The <c>solara-session-id</c> cookie: one UUID per browser, shared by all its pages.</summary>
public static class SessionCookie
{
    public const string Name = "solara-session-id";
    private static readonly DateTimeOffset Expires = new(2038, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out string? value) && Guid.TryParse(value, out _) ? value : null;

    /// <summary>Returns the request's session id, issuing a new cookie when it has none.</summary>
    public static string Ensure(HttpContext context, bool httpOnly)
    {
        if (Read(context.Request) is { } existing)
            return existing;
        string sessionId = Guid.NewGuid().ToString();
        bool secureContext = context.Request.IsHttps
            || string.Equals(context.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase)
            || context.Request.Host.Host is "localhost" or "127.0.0.1" or "[::1]";
        context.Response.Cookies.Append(Name, sessionId, new CookieOptions
        {
            Path = "/",
            Expires = Expires,
            SameSite = secureContext ? SameSiteMode.None : SameSiteMode.Lax,
            Secure = secureContext,
            HttpOnly = httpOnly,
        });
        return sessionId;
    }
}
