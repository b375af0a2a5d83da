using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>Who may open <c>/dashboard</c>: everyone in development; in production only a request carrying
/// <c>SOLARA_DASHBOARD_TOKEN</c> (bearer header, the cookie set by <c>?token=</c>, or <c>?token=</c> itself),
/// and nobody while the token is unset (the dashboard answers 404, as if absent).</summary>
public sealed class DashboardAccess(ServerOptions server)
{
    public const string CookieName = "solara-dashboard-token";
    public const string QueryName = "token";

    public DashboardAccessResult Check(HttpRequest request)
    {
        if (!server.IsProduction)
            return DashboardAccessResult.Open;
        if (server.DashboardToken is not { } token)
            return DashboardAccessResult.Disabled;
        string? presented = Presented(request);
        if (presented is null)
            return DashboardAccessResult.Missing;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token))
            ? DashboardAccessResult.Granted
            : DashboardAccessResult.Wrong;
    }

    /// <summary>After a granted <c>?token=</c>: the HttpOnly cookie that lets the page's own requests through.</summary>
    public static void RememberToken(HttpContext context, string token) =>
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/dashboard",
        });

    private static string? Presented(HttpRequest request)
    {
        const string prefix = "Bearer ";
        string header = request.Headers.Authorization.ToString();
        if (header.StartsWith(prefix, StringComparison.Ordinal))
            return header[prefix.Length..].Trim();
        if (request.Query[QueryName].ToString() is { Length: > 0 } query)
            return query;
        return request.Cookies[CookieName] is { Length: > 0 } cookie ? cookie : null;
    }
}

public enum DashboardAccessResult
{
    /// <summary>Development: no token needed.</summary>
    Open,
    Granted,
    /// <summary>Production without <c>SOLARA_DASHBOARD_TOKEN</c>: 404.</summary>
    Disabled,
    /// <summary>No token presented: 401.</summary>
    Missing,
    /// <summary>A token that does not match: 403.</summary>
    Wrong,
}
