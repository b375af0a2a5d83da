using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Solara.Orleans.Abstractions.Kernels;

namespace Solara.Orleans.Cluster.Transport;

/// <summary>A WebSocket seen as an <see cref="IKernelSocket"/>: a page's socket on a gateway, or a
/// gateway's forwarding socket on a silo. Frames are queued and written by one writer loop, so the
/// kernel never waits on the network; a close is sent after the frames queued before it.</summary>
public sealed class QueuedWebSocket : IKernelSocket
{
    private const int MaxCloseReasonBytes = 123;
    private readonly WebSocket _socket;
    private readonly Channel<KernelFrame> _outbox = Channel.CreateUnbounded<KernelFrame>(new UnboundedChannelOptions { SingleReader = true });
    private (int Code, string Reason)? _close;
    private bool _closing;

    public QueuedWebSocket(WebSocket socket, string kernelId, string pageId)
    {
        _socket = socket;
        KernelId = kernelId;
        PageId = pageId;
        Writer = Task.Run(WriteLoopAsync);
    }

    public string KernelId { get; }
    public string PageId { get; }

    /// <summary>Completes when the outbox is drained and the close (if any) has been sent.</summary>
    public Task Writer { get; }

    /// <summary>True once a close has been requested: frames that arrive afterwards are not forwarded.</summary>
    public bool IsClosing => Volatile.Read(ref _closing);

    public void Send(KernelFrame frame) => _outbox.Writer.TryWrite(frame);

    public void Close(int closeCode, string reason)
    {
        lock (_outbox)
            _close ??= (closeCode, Truncate(reason));
        Volatile.Write(ref _closing, true);
        _outbox.Writer.TryComplete();
    }

    /// <summary>Drops the connection without a close handshake (tests use this to simulate a network failure).</summary>
    public void Abort()
    {
        _outbox.Writer.TryComplete();
        _socket.Abort();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (KernelFrame frame in _outbox.Reader.ReadAllAsync())
                await _socket.SendAsync(frame.Data, frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
            if (_close is { } close && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; the receive loop sees it too and detaches the page.
        }
    }

    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxCloseReasonBytes)
            return reason;
        while (Encoding.UTF8.GetByteCount(reason) > MaxCloseReasonBytes - 3)
            reason = reason[..^1];
        return reason + "...";
    }
}
