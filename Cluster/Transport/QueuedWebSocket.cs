using System.Net.WebSockets;
using System.Text;
using Solara.Orleans.Abstractions.Kernels;

namespace Solara.Orleans.Cluster.Transport;

/// <summary>A WebSocket seen as an <see cref="IKernelSocket"/>: a page's socket on a gateway, or a
/// gateway's forwarding socket on a silo. Frames are queued and written in order by one drain at a
/// time on the thread pool, so the kernel never waits on the network; a close is sent after the
/// frames queued before it. Nothing runs while the queue is empty: an open socket with nothing to
/// send costs only this object and its small queue.</summary>
public sealed class QueuedWebSocket : IKernelSocket, IThreadPoolWorkItem
{
    private const int MaxCloseReasonBytes = 123;

    /// <summary>Queue capacity kept after a burst; a larger array is let go once the queue is empty.</summary>
    private const int KeptCapacity = 4;

    private readonly WebSocket _socket;
    private readonly Queue<KernelFrame> _outbox = new();
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (int Code, string Reason)? _close;
    private bool _closing;
    private bool _completed;
    private bool _draining;

    public QueuedWebSocket(WebSocket socket, string kernelId, string pageId)
    {
        _socket = socket;
        KernelId = kernelId;
        PageId = pageId;
    }

    public string KernelId { get; }
    public string PageId { get; }

    /// <summary>Completes when the outbox is drained and the close (if any) has been sent.</summary>
    public Task Writer => _written.Task;

    /// <summary>True once a close has been requested: frames that arrive afterwards are not forwarded.</summary>
    public bool IsClosing => Volatile.Read(ref _closing);

    public void Send(KernelFrame frame)
    {
        lock (_outbox)
        {
            if (_completed)
                return;
            _outbox.Enqueue(frame);
            if (!StartDrain())
                return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public void Close(int closeCode, string reason)
    {
        lock (_outbox)
            _close ??= (closeCode, Truncate(reason));
        Volatile.Write(ref _closing, true);
        Complete();
    }

    /// <summary>Drops the connection without a close handshake (tests use this to simulate a network failure).</summary>
    public void Abort()
    {
        Complete();
        _socket.Abort();
    }

    /// <summary>No frame is accepted after this; a drain sends what is queued, then the close.</summary>
    private void Complete()
    {
        lock (_outbox)
        {
            if (_completed)
                return;
            _completed = true;
            if (!StartDrain())
                return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Under the gate: true when the caller must start the drain (none is running).</summary>
    private bool StartDrain()
    {
        if (_draining)
            return false;
        _draining = true;
        return true;
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                KernelFrame frame;
                lock (_outbox)
                {
                    if (!_outbox.TryDequeue(out frame))
                    {
                        if (_outbox.EnsureCapacity(0) > KeptCapacity)
                            _outbox.TrimExcess();
                        if (_completed)
                            break;
                        _draining = false;
                        return;
                    }
                }
                await _socket.SendAsync(frame.Data, frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
            }
            if (_close is { } close && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, timeout.Token);
            }
        }
        catch (Exception e)
        {
            // Frames sent from now on are dropped. A peer that is gone is expected (the receive
            // loop sees it too and detaches the page); anything else faults Writer.
            lock (_outbox)
            {
                _completed = true;
                _outbox.Clear();
                _outbox.TrimExcess();
            }
            if (e is not (WebSocketException or OperationCanceledException or ObjectDisposedException))
            {
                _written.TrySetException(e);
                return;
            }
        }
        _written.TrySetResult();
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
