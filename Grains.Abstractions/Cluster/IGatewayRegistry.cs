namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>Gateways announce themselves (for operations only: nothing routes by it). Rows not renewed
/// within a few heartbeats are reported as gone and eventually removed.</summary>
public interface IGatewayRegistry
{
    Task HeartbeatAsync(string endpoint, DateTimeOffset startTime, int openSockets);

    Task RemoveAsync(string endpoint);

    Task<IReadOnlyList<GatewayInfo>> ListAsync();
}
