using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Gateway.Sessions;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Kernels;

/// <summary>The kernel REST stub clients probe, the close beacon, and the (disabled) eviction route.</summary>
public static class KernelApiEndpoints
{
    public static IEndpointRouteBuilder MapKernelApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/jupyter/api/kernels/{kernelId}", async (string kernelId, IKernelGateway kernels) =>
            await kernels.DescribeAsync(kernelId) is { } k
                ? Results.Json(new
                {
                    id = k.Id,
                    name = "solara",
                    last_activity = k.LastActivity.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
                    execution_state = k.ExecutionState,
                    connections = k.Connections,
                })
                : Results.Json(new { message = $"kernel {kernelId} does not exist", reason = "not found" }, statusCode: 404));

        endpoints.MapPost("/_solara/api/close/{kernelId}", async (string kernelId, HttpContext context, IKernelGateway kernels) =>
        {
            string pageId = context.Request.Query["session_id"].ToString();
            if (KernelWebSocketEndpoint.ValidId().IsMatch(kernelId) && KernelWebSocketEndpoint.ValidId().IsMatch(pageId))
                await kernels.ClosePageAsync(kernelId, pageId, SessionCookie.Read(context.Request) ?? $"anonymous:{kernelId}");
            return Results.Ok();
        });

        // Eviction is a dev/test tool of the state backend, which this build does not enable.
        endpoints.MapPost("/_solara/api/evict/{kernelId}", (string kernelId) => Results.NotFound());
        return endpoints;
    }
}
