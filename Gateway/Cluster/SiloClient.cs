using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Transport;

namespace Solara.Orleans.Gateway.Cluster;

/// <summary>Calls a silo's internal API with the cluster credential: the forwarding socket of a page,
/// and the small JSON calls. Every call is bounded by <c>SOLARA_CLUSTER_CALL_TIMEOUT</c>.</summary>
public sealed class SiloClient(ClusterCredential credential, ClusterOptions options) : IDisposable
{
    private readonly HttpClient _http = CreateHttp(credential, options);

    public async Task<ForwardOutcome> ConnectAsync(string endpoint, KernelAttachRequest request, string? predecessorActivation, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        credential.Apply(socket.Options);
        socket.Options.SetRequestHeader(SiloHeaders.Session, request.SessionId);
        string query = $"page={Uri.EscapeDataString(request.PageId)}&client={Uri.EscapeDataString(request.ClientVersion)}";
        if (predecessorActivation is not null)
            query += $"&predecessor={Uri.EscapeDataString(predecessorActivation)}";
        var uri = new Uri($"{WebSocketBase(endpoint)}/_cluster/kernels/{Uri.EscapeDataString(request.KernelId)}/channels?{query}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.CallTimeout);
        try
        {
            await socket.ConnectAsync(uri, deadline.Token);
            // Only a refused upgrade is interpreted from its headers; an open socket lets them go.
            socket.HttpResponseHeaders = null;
            return new ForwardOutcome.Connected(socket);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException or IOException)
        {
            ForwardOutcome outcome = Interpret(socket, e);
            socket.Dispose();
            return outcome;
        }
    }

    private static ForwardOutcome Interpret(ClientWebSocket socket, Exception error)
    {
        IReadOnlyDictionary<string, IEnumerable<string>>? headers = socket.HttpResponseHeaders;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
        switch (socket.HttpStatusCode)
        {
            case HttpStatusCode.Conflict when Header(SiloHeaders.Redirect) is { } redirect:
                return new ForwardOutcome.Redirected(redirect, Header(SiloHeaders.Activation) ?? "");
            case HttpStatusCode.ServiceUnavailable when Header(SiloHeaders.RefusalCode) is { } code:
                return new ForwardOutcome.Refused(int.Parse(code, CultureInfo.InvariantCulture), Uri.UnescapeDataString(Header(SiloHeaders.RefusalReason) ?? "refused"));
            case HttpStatusCode.Unauthorized:
                return new ForwardOutcome.Refused(CloseCodes.InternalError, "the gateway's cluster credential was refused by the silo (SOLARA_CLUSTER_SECRET differs)");
            default:
                return new ForwardOutcome.Unreachable(socket.HttpStatusCode == 0 ? error.Message : $"HTTP {(int)socket.HttpStatusCode}: {error.Message}");
        }
    }

    public async Task<JsonNode?> GetJsonAsync(string endpoint, string path, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await _http.GetAsync($"{endpoint}{path}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task<JsonNode?> PostAsync(string endpoint, string path, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await _http.PostAsync($"{endpoint}{path}", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Length == 0 ? null : JsonNode.Parse(body);
    }

    private static string WebSocketBase(string endpoint) =>
        endpoint.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + endpoint[8..]
        : endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + endpoint[7..]
        : endpoint;

    private static HttpClient CreateHttp(ClusterCredential credential, ClusterOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.CallTimeout };
        credential.Apply(http.DefaultRequestHeaders);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
