using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Ops;

/// <summary><c>GET /resourcez[?verbose]</c>: websockets, kernels, execution resources and state, pretty-printed.
/// In production identifiers are hashed unless the bearer token matches.</summary>
public sealed class ResourcezEndpoint(IKernelGateway kernels, WebSocketCounters counters, SocketRegistry registry, ServerOptions server)
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        bool verbose = context.Request.Query.ContainsKey("verbose");
        bool redact = server.IsProduction && !HasToken(context.Request);
        JsonObject report = await kernels.ReportResourcesAsync(verbose, redact);
        report["websockets"] = new JsonObject
        {
            ["attempts"] = counters.Attempts,
            ["connecting"] = counters.Connecting,
            ["open"] = counters.Open,
            ["closed"] = counters.Closed,
            ["registered"] = registry.Count,
        };
        report["mode"] = server.Mode.ToString().ToLowerInvariant();
        report["redacted"] = redact;
        return Results.Text(report.ToJsonString(Pretty), "application/json");
    }

    private bool HasToken(HttpRequest request)
    {
        if (server.ResourcezToken is not { } token)
            return false;
        string header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
