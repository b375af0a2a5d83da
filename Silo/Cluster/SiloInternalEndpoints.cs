using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Apps;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Cluster.Transport;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Silo.Cluster;

/// <summary>The silo's internal API under <c>/_cluster/</c>, for gateways (and other silos) only: every
/// request must carry the cluster credential, and gateways never forward these paths from browsers.</summary>
public static class SiloInternalEndpoints
{
    public const string Prefix = "/_cluster";

    public static WebApplication MapSiloInternalEndpoints(this WebApplication app)
    {
        ClusterCredential credential = app.Services.GetRequiredService<ClusterCredential>();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Solara.Cluster");
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Prefix) && !credential.Matches(context.Request))
            {
                logger.LogWarning("refused {Path} from {Remote}: missing or wrong cluster credential (SOLARA_CLUSTER_SECRET)",
                    context.Request.Path, context.Connection.RemoteIpAddress);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("this endpoint requires the cluster credential (SOLARA_CLUSTER_SECRET)");
                return;
            }
            await next(context);
        });
        RouteGroupBuilder cluster = app.MapGroup(Prefix);
        cluster.Map("/kernels/{kernelId}/channels", (HttpContext context, string kernelId, SiloForwardingEndpoint endpoint) =>
            KernelWebSocketEndpoint.ValidId().IsMatch(kernelId) ? endpoint.HandleAsync(context, kernelId) : BadId(context));
        cluster.MapGet("/kernels/{kernelId}", async (string kernelId, IKernelGateway kernels) =>
            await kernels.DescribeAsync(kernelId) is { } description ? Results.Json(description) : Results.NotFound());
        cluster.MapPost("/kernels/{kernelId}/close-page", async (string kernelId, string page, string? session, IKernelGateway kernels) =>
        {
            await kernels.ClosePageAsync(kernelId, page, session);
            return Results.NoContent();
        });
        cluster.MapPost("/kernels/{kernelId}/evict", async (string kernelId, string session, IKernelGateway kernels) =>
            Results.Json(new { outcome = (await kernels.EvictAsync(kernelId, session)).ToString() }));
        cluster.MapGet("/kernels/{kernelId}/inspect", async (string kernelId, bool? redact, IKernelGateway kernels) =>
            await kernels.InspectKernelAsync(kernelId, redact != false) is { } view ? Results.Text(view.ToJsonString(), "application/json") : Results.NotFound());
        cluster.MapGet("/resourcez", async (bool? verbose, bool? redact, IKernelGateway kernels) =>
            Results.Text((await kernels.ReportResourcesAsync(verbose == true, redact != false)).ToJsonString(), "application/json"));
        cluster.MapGet("/apps", (IAppCatalog catalog) =>
            Results.Json(catalog.Apps.Select(a => new JsonObject { ["name"] = a.Name, ["title"] = a.Title, ["description"] = a.Description }).ToArray()));
        cluster.MapSessionEndpoints();
        return app;
    }

    private static async Task BadId(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsync("invalid kernel id");
    }
}
