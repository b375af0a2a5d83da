using System.Net.Http.Json;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Transport;
using Solara.Orleans.Grains.Sessions;

namespace Solara.Orleans.Silo.Cluster;

/// <summary>Silo-to-silo session calls over the credentialed <c>/_cluster/sessions/</c> API, each bounded
/// by <c>SOLARA_CLUSTER_CALL_TIMEOUT</c>. The raw session id travels only in the JSON body.</summary>
public sealed class SessionSiloClient : ISessionTransport, IDisposable
{
    private readonly HttpClient _http;

    public SessionSiloClient(ClusterCredential credential, ClusterOptions options)
    {
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.CallTimeout };
        credential.Apply(_http.DefaultRequestHeaders);
    }

    public async Task<SessionReply> CallAsync(string siloEndpoint, string grainId, SessionCall call, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(PathOf(siloEndpoint, grainId, "call"), call, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<SessionReply>(cancellationToken)
            ?? throw new HttpRequestException($"silo {siloEndpoint} answered a session call with an empty body");
    }

    public async Task<IReadOnlyList<string>> DeliverAsync(string siloEndpoint, string grainId, SessionDelivery delivery, CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(PathOf(siloEndpoint, grainId, "deliver"), delivery, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<string[]>(cancellationToken) ?? [];
    }

    private static string PathOf(string siloEndpoint, string grainId, string action) =>
        $"{siloEndpoint.TrimEnd('/')}{SiloInternalEndpoints.Prefix}/sessions/{grainId[SessionGrainId.Prefix.Length..]}/{action}";

    public void Dispose() => _http.Dispose();
}
