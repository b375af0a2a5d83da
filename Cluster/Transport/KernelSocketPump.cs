using System.Net.WebSockets;
using Solara.Orleans.Abstractions.Kernels;

namespace Solara.Orleans.Cluster.Transport;

/// <summary>The receive side of a kernel socket, the same for a page's socket on a gateway and a
/// forwarding socket on a silo: every message goes to the kernel's link until the peer closes, the link
/// closes the socket (a malformed frame, the kernel closing), or a message exceeds the size limit (closed
/// with 1009); after a close this side started, it waits for the peer's close.</summary>
public static class KernelSocketPump
{
    public static async Task<ReadEnd> RunAsync(WebSocket webSocket, QueuedWebSocket socket, IKernelLink link, long maxFrameBytes)
    {
        ReadEnd end = await WebSocketMessages.ReadAsync(webSocket, maxFrameBytes, frame =>
        {
            link.Receive(frame);
            return !socket.IsClosing;
        });
        if (end == ReadEnd.TooBig)
            socket.Close(CloseCodes.MessageTooBig, $"frame exceeds SOLARA_MAX_FRAME_BYTES ({maxFrameBytes} bytes)");
        if (end != ReadEnd.Closed)
            await WebSocketMessages.DrainUntilClosedAsync(webSocket);
        return end;
    }
}
