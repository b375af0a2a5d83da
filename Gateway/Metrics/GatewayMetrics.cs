using System.Diagnostics.Metrics;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Metrics;

/// <summary>The gateway's instruments on the <c>Solara.Orleans.Gateway</c> meter, observed from the
/// <see cref="WebSocketCounters"/> it already keeps: browser sockets open, connecting, attempted and closed.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Solara.Orleans.Gateway";

    private readonly Meter _meter = new(MeterName, "1.0");

    public GatewayMetrics(WebSocketCounters sockets)
    {
        _meter.CreateObservableUpDownCounter("solara.gateway.sockets.open", () => sockets.Open, "{socket}", "Browser WebSockets open");
        _meter.CreateObservableUpDownCounter("solara.gateway.sockets.connecting", () => sockets.Connecting, "{socket}", "Browser WebSockets accepted and attaching");
        _meter.CreateObservableCounter("solara.gateway.sockets.attempts", () => sockets.Attempts, "{socket}", "Kernel WebSocket requests");
        _meter.CreateObservableCounter("solara.gateway.sockets.closed", () => sockets.Closed, "{socket}", "Browser WebSockets closed or refused");
    }

    public void Dispose() => _meter.Dispose();
}
