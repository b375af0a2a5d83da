using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Gateway.Sessions;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Kernels;

/// <summary>The kernel REST stub clients probe, the close beacon, and the dev/test eviction route.</summary>
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
                    last_activity = k.LastActivity.UtcDateTime.ToString(MessageHeader.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
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

        // Dev/test only (SOLARA_STATE_TEST_EVICTION=true, never in production): the grain side answers NotFound otherwise.
        endpoints.MapPost("/_solara/api/evict/{kernelId}", async (string kernelId, HttpContext context, IKernelGateway kernels) =>
        {
            if (!KernelWebSocketEndpoint.ValidId().IsMatch(kernelId))
                return Results.NotFound();
            string session = SessionCookie.Read(context.Request) ?? $"anonymous:{kernelId}";
            return await kernels.EvictAsync(kernelId, session) switch
            {
                EvictOutcome.Evicted => Results.Json(new { kernel_id = kernelId, status = "evicted" }),
                EvictOutcome.Forbidden => Results.Json(new { message = $"kernel {kernelId} belongs to another session" }, statusCode: 403),
                _ => Results.NotFound(),
            };
        });
        return endpoints;
    }
}
