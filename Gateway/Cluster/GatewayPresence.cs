using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Cluster;

/// <summary>Once a second: announce this gateway (for operations) and refresh the app list.</summary>
public sealed class GatewayPresence(IGatewayRegistry registry, RemoteAppCatalog catalog, WebSocketCounters counters, string endpoint, ILogger<GatewayPresence> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            await BeatAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await BeatAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task BeatAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registry.HeartbeatAsync(endpoint, _started, (int)counters.Open);
            await catalog.RefreshAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("gateway {Endpoint} could not reach the cluster: {Error}", endpoint, e.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.RemoveAsync(endpoint);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("gateway {Endpoint} could not leave the registry: {Error}", endpoint, e.Message);
        }
    }
}
