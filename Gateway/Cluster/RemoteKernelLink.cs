using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Cluster.Transport;

namespace Solara.Orleans.Gateway.Cluster;

/// <summary>A page's link to a kernel on a silo: browser frames go out over the forwarding socket
/// unchanged, and a pump copies the silo's frames to the page. When the silo closes the forwarding
/// socket the page gets the same close; when the connection breaks (the silo died) the page gets
/// 1012 and its client reconnects, through any gateway, to wherever the kernel is re-activated.</summary>
public sealed class RemoteKernelLink : IKernelLink
{
    public const int SiloLostCode = 1012;

    private readonly WebSocket _forward;
    private readonly QueuedWebSocket _outbound;
    private readonly IKernelSocket _page;
    private readonly ILogger _logger;

    public RemoteKernelLink(WebSocket forward, IKernelSocket page, string kernelId, string silo, long maxFrameBytes, ILogger logger)
    {
        _forward = forward;
        _page = page;
        _logger = logger;
        _outbound = new QueuedWebSocket(forward, kernelId, page.PageId);
        Pump = PumpAsync(kernelId, silo, maxFrameBytes);
    }

    /// <summary>Completes when the silo side of this page has ended.</summary>
    public Task Pump { get; }

    public void Receive(KernelFrame frame) => _outbound.Send(frame);

    public void Detach() => _outbound.Close(CloseCodes.Normal, "page detached");

    private async Task PumpAsync(string kernelId, string silo, long maxFrameBytes)
    {
        await Task.Yield();
        ReadEnd end = await WebSocketMessages.ReadAsync(_forward, maxFrameBytes, frame =>
        {
            _page.Send(frame);
            return true;
        });
        if (!_outbound.IsClosing)
        {
            if (end == ReadEnd.Closed && _forward.CloseStatus is { } status)
            {
                _page.Close((int)status, _forward.CloseStatusDescription ?? "closed by the kernel's server");
            }
            else
            {
                _logger.LogWarning("lost the connection to silo {Silo} for kernel {KernelId}; the page will reconnect", silo, kernelId);
                _page.Close(SiloLostCode, "the kernel's server went away; reconnecting");
            }
            _outbound.Close(CloseCodes.Normal, "closing");
        }
        await _outbound.Writer;
        _forward.Dispose();
    }
}
