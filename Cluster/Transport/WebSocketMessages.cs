using System.Buffers;
using System.Net.WebSockets;
using Solara.Orleans.Abstractions.Kernels;

namespace Solara.Orleans.Cluster.Transport;

/// <summary>How reading a WebSocket ended.</summary>
public enum ReadEnd
{
    /// <summary>The peer closed, or the connection broke.</summary>
    Closed,

    /// <summary>A message grew over the size limit; nothing of it was delivered.</summary>
    TooBig,

    /// <summary>The handler asked to stop after a message.</summary>
    Stopped,
}

/// <summary>Reads whole messages off a WebSocket until it closes, a message exceeds the size limit,
/// or the handler returns false.</summary>
public static class WebSocketMessages
{
    public static async Task<ReadEnd> ReadAsync(WebSocket webSocket, long maxBytes, Func<KernelFrame, bool> onMessage, CancellationToken cancellationToken = default)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await webSocket.ReceiveAsync(chunk.AsMemory(), cancellationToken);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    return ReadEnd.Closed;
                }
                if (result.MessageType == WebSocketMessageType.Close)
                    return ReadEnd.Closed;
                if (message.Length + result.Count > maxBytes)
                    return ReadEnd.TooBig;
                message.Write(chunk, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                bool more = onMessage(new KernelFrame(message.ToArray(), result.MessageType == WebSocketMessageType.Binary));
                message.SetLength(0);
                if (!more)
                    return ReadEnd.Stopped;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>After sending a close, reads (and discards) until the peer's close arrives or a deadline passes.</summary>
    public static async Task DrainUntilClosedAsync(WebSocket webSocket)
    {
        byte[] sink = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (webSocket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                WebSocketReceiveResult r = await webSocket.ReceiveAsync(sink, deadline.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                    return;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }
}
