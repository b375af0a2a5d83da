using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Gateway.Metrics;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary><c>/dashboard</c> (the page, its script and style), <c>/dashboard/data?since=N</c> (one sample and
/// the points after N) and <c>/dashboard/kernel/{id}</c> (the drill-down), all behind <see cref="DashboardAccess"/>.</summary>
public static class DashboardEndpoints
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>The dashboard's services, and the OTLP export of the meters it reads when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static IServiceCollection AddSolaraDashboard(this IServiceCollection services, ServerOptions server)
    {
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardSampler>();
        services.AddSingleton<GatewayMetrics>();
        return OtlpMetricsExport.AddIfConfigured(services, server.OtlpEndpoint, "solara-orleans");
    }

    public static IEndpointRouteBuilder MapSolaraDashboard(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder group = endpoints.MapGroup("/dashboard");
        group.AddEndpointFilter(async (context, next) => Refusal(context.HttpContext) ?? await next(context));
        group.MapGet("", (HttpContext context) => RememberQueryToken(context) ?? Asset("index.html", "text/html; charset=utf-8"));
        group.MapGet("/app.js", () => Asset("dashboard.js", "text/javascript; charset=utf-8"));
        group.MapGet("/app.css", () => Asset("dashboard.css", "text/css; charset=utf-8"));
        group.MapGet("/data", async (HttpContext context, DashboardSampler sampler) =>
        {
            long since = long.TryParse(context.Request.Query["since"], out long s) && s > 0 ? s : 0;
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text((await sampler.DataAsync(since)).ToJsonString(Compact), "application/json");
        });
        group.MapGet("/kernel/{kernelId}", async (string kernelId, IKernelGateway kernels) =>
        {
            if (!KernelWebSocketEndpoint.ValidId().IsMatch(kernelId))
                return Results.Text("kernel id must be 1-128 characters of letters, digits, '-', '_' or '.'", statusCode: StatusCodes.Status400BadRequest);
            return await kernels.InspectKernelAsync(kernelId, redact: false) is { } view
                ? Results.Text(view.ToJsonString(Compact), "application/json")
                : Results.Text($"no live kernel with id {kernelId}", statusCode: StatusCodes.Status404NotFound);
        });
        return endpoints;
    }

    private static IResult? Refusal(HttpContext context) =>
        context.RequestServices.GetRequiredService<DashboardAccess>().Check(context.Request) switch
        {
            DashboardAccessResult.Disabled => Results.NotFound(),
            DashboardAccessResult.Missing => Unauthorized(context),
            DashboardAccessResult.Wrong => Results.Text("wrong dashboard token", statusCode: StatusCodes.Status403Forbidden),
            _ => null,
        };

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"solara-dashboard\"";
        return Results.Text("the dashboard needs SOLARA_DASHBOARD_TOKEN: send 'Authorization: Bearer <token>' or open /dashboard?token=<token>",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>A granted <c>?token=</c> becomes an HttpOnly cookie, and the page reloads without the token in its address.</summary>
    private static IResult? RememberQueryToken(HttpContext context)
    {
        if (context.Request.Query[DashboardAccess.QueryName].ToString() is not { Length: > 0 } token)
            return null;
        DashboardAccess.RememberToken(context, token);
        return Results.Redirect("/dashboard");
    }

    private static IResult Asset(string name, string contentType) => Results.Text(Assets.GetOrAdd(name, Read), contentType);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);

    private static string Read(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"the dashboard asset {name} is not embedded in the gateway assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
