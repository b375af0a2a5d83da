using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Solara.Orleans.Abstractions.Apps;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Gateway.Dashboard;
using Solara.Orleans.Gateway.Kernels;
using Solara.Orleans.Gateway.Ops;
using Solara.Orleans.Gateway.Pages;
using Solara.Orleans.Gateway.Sessions;
using Solara.Orleans.Gateway.Static;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway;

/// <summary>Registers and maps the gateway role: pages, the client bundle, the kernel WebSocket,
/// the kernel API and the ops endpoints. Needs an <c>IKernelGateway</c> and an <c>IAppCatalog</c>.</summary>
public static class GatewayServices
{
    public static IServiceCollection AddSolaraGateway(this IServiceCollection services, ServerOptions server, KernelOptions kernels)
    {
        services.AddSingleton(server);
        services.AddSingleton(kernels);
        services.AddSingleton<WebSocketCounters>();
        services.AddSingleton<SocketRegistry>();
        services.AddSingleton<KernelWebSocketEndpoint>();
        services.AddSingleton<ResourcezEndpoint>();
        services.AddSolaraDashboard(server);
        return services;
    }

    public static WebApplication MapSolaraGateway(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        ServerOptions server = app.Services.GetRequiredService<ServerOptions>();
        if (!server.IsProduction)
            app.UseDeveloperExceptionPage();

        app.MapGet("/readyz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/resourcez", (HttpContext context, ResourcezEndpoint endpoint) => endpoint.HandleAsync(context));
        app.Map("/jupyter/api/kernels/{kernelId}/channels", (HttpContext context, string kernelId, KernelWebSocketEndpoint endpoint) =>
            endpoint.HandleAsync(context, kernelId));
        app.MapKernelApi();
        app.MapSolaraDashboard();
        app.MapClientBundle();
        MapPages(app, server);
        return app;
    }

    private static void MapPages(WebApplication app, ServerOptions server)
    {
        var pageOptions = new PageOptions(server.IsProduction, ClientBundle.Version);
        app.MapGet("/", (HttpContext context, IAppCatalog catalog) =>
        {
            SessionCookie.Ensure(context, server.SessionHttpOnly);
            return Results.Content(GalleryPage.Render(catalog.Apps), "text/html; charset=utf-8");
        });
        app.MapGet("/{appName}/{**rest}", (HttpContext context, string appName, IAppCatalog catalog) =>
        {
            if (catalog.Find(appName) is not { } descriptor)
                return Results.Content(NotFoundPage.Render(context.Request.Path), "text/html; charset=utf-8", statusCode: 404);
            SessionCookie.Ensure(context, server.SessionHttpOnly);
            return Results.Content(AppPage.Render(descriptor, pageOptions), "text/html; charset=utf-8");
        });
    }
}
