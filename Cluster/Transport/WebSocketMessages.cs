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
/// or the handler returns false. Between messages the socket holds no receive buffer: it waits with a
/// zero-byte receive (which returns once a frame header has arrived), and a pooled buffer is rented
/// only while a message is being read, growing as the message does.</summary>
public static class WebSocketMessages
{
    /// <summary>First buffer for a message: a click or a widget update fits.</summary>
    private const int FirstBufferBytes = 4 * 1024;

    public static async Task<ReadEnd> ReadAsync(WebSocket webSocket, long maxBytes, Func<KernelFrame, bool> onMessage, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ValueWebSocketReceiveResult start;
            try
            {
                start = await webSocket.ReceiveAsync(Memory<byte>.Empty, cancellationToken);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                return ReadEnd.Closed;
            }
            if (start.MessageType == WebSocketMessageType.Close)
                return ReadEnd.Closed;
            (byte[]? data, ReadEnd end) = start.EndOfMessage ? ([], default) : await ReadRestAsync(webSocket, maxBytes, cancellationToken);
            if (data is null)
                return end;
            if (!onMessage(new KernelFrame(data, start.MessageType == WebSocketMessageType.Binary)))
                return ReadEnd.Stopped;
        }
    }

    /// <summary>Reads the message whose first frame header has arrived: its bytes, or null and why
    /// reading ended.</summary>
    private static async ValueTask<(byte[]? Data, ReadEnd End)> ReadRestAsync(WebSocket webSocket, long maxBytes, CancellationToken cancellationToken)
    {
        // At most maxBytes + 1 bytes are ever read, so the buffer never grows past that: the extra
        // byte is how a message over the limit is told from one exactly at it.
        maxBytes = Math.Min(maxBytes, Array.MaxLength - 1);
        int cap = (int)maxBytes + 1;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstBufferBytes, cap));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                    buffer = Grow(buffer, length, cap);
                ValueWebSocketReceiveResult result;
                try
                {
                    result = await webSocket.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, cap) - length), cancellationToken);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    return (null, ReadEnd.Closed);
                }
                if (result.MessageType == WebSocketMessageType.Close)
                    return (null, ReadEnd.Closed);
                length += result.Count;
                if (length > maxBytes)
                    return (null, ReadEnd.TooBig);
                if (result.EndOfMessage)
                    return (buffer.AsSpan(0, length).ToArray(), default);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length, int cap)
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, cap));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
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
