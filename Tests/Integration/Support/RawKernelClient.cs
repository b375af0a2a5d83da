using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>A bare Jupyter kernel client over one <see cref="ClientWebSocket"/>: sends messages (text, or
/// binary with buffers), records every message the server sends, lets a test await messages by
/// predicate or by parent <c>msg_id</c>, and reports how the server closed the connection.</summary>
public sealed class RawKernelClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly ClientWebSocket _socket;
    private readonly List<ReceivedMessage> _received = [];
    private readonly List<(Func<ReceivedMessage, bool> Match, TaskCompletionSource<ReceivedMessage> Done)> _waiters = [];
    private readonly TaskCompletionSource<CloseInfo> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _receiveLoop;

    private RawKernelClient(ClientWebSocket socket, string kernelId, string pageId, string? sessionId)
    {
        _socket = socket;
        KernelId = kernelId;
        PageId = pageId;
        SessionId = sessionId;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public string KernelId { get; }

    /// <summary>The <c>session_id</c> query parameter: one id per page load.</summary>
    public string PageId { get; }

    /// <summary>The <c>solara-session-id</c> cookie sent with the upgrade, if any.</summary>
    public string? SessionId { get; }

    /// <summary><c>header.session</c> of the messages this client sends.</summary>
    public string ClientSession { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The subprotocol the server selected (null or empty: none, the legacy framing).</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>Completes when the connection ends: the server's close frame, or a drop.</summary>
    public Task<CloseInfo> Closed => _closed.Task;

    public IReadOnlyList<ReceivedMessage> Received
    {
        get
        {
            lock (_received)
                return _received.ToArray();
        }
    }

    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>Opens <c>/jupyter/api/kernels/{kernelId}/channels?session_id={pageId}</c>, with the session cookie when given.</summary>
    public static Task<RawKernelClient> ConnectAsync(TestServer server, string? kernelId = null, string? pageId = null, string? sessionId = null) =>
        ConnectAsync(server.WebSocketBaseUrl, kernelId ?? NewId(), pageId ?? NewId(), sessionId);

    public static async Task<RawKernelClient> ConnectAsync(string webSocketBaseUrl, string kernelId, string pageId, string? sessionId, IEnumerable<string>? subProtocols = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        foreach (string subProtocol in subProtocols ?? [])
            socket.Options.AddSubProtocol(subProtocol);
        if (sessionId is not null)
            socket.Options.SetRequestHeader("Cookie", $"solara-session-id={sessionId}");
        var uri = new Uri($"{webSocketBaseUrl}/jupyter/api/kernels/{Uri.EscapeDataString(kernelId)}/channels?session_id={Uri.EscapeDataString(pageId)}");
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RawKernelClient(socket, kernelId, pageId, sessionId);
    }

    /// <summary>A complete message as a browser would build it (header, parent_header, metadata, content, channel).</summary>
    public JupyterMessage NewMessage(string msgType, JsonObject? content = null, string channel = "shell", IReadOnlyList<byte[]>? buffers = null) => new()
    {
        Header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),
            ["msg_type"] = msgType,
            ["username"] = "raw-test-client",
            ["session"] = ClientSession,
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["version"] = "5.3",
        },
        Content = content ?? new JsonObject(),
        Channel = channel,
        Buffers = buffers?.Select(b => (ReadOnlyMemory<byte>)b).ToArray() ?? [],
    };

    /// <summary>Sends a message (a binary frame when it has buffers) and returns its <c>msg_id</c>.</summary>
    public async Task<string> SendAsync(JupyterMessage message)
    {
        byte[] frame = FrameCodec.Encode(message, out bool binary);
        await SendRawAsync(frame, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text);
        return message.MsgId;
    }

    public Task<string> SendAsync(string msgType, JsonObject? content = null, string channel = "shell", IReadOnlyList<byte[]>? buffers = null) =>
        SendAsync(NewMessage(msgType, content, channel, buffers));

    /// <summary>Sends bytes as one frame, whatever they contain.</summary>
    public async Task SendRawAsync(byte[] frame, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await _socket.SendAsync(frame, type, true, timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends one WebSocket message split into the given fragments (continuation frames).</summary>
    public async Task SendFragmentsAsync(IReadOnlyList<byte[]> fragments, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            for (int i = 0; i < fragments.Count; i++)
                await _socket.SendAsync(fragments[i], type, i == fragments.Count - 1, timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a request and returns every message parented to it, up to and including its <c>idle</c>.</summary>
    public async Task<Exchange> RequestAsync(JupyterMessage request, TimeSpan? timeout = null)
    {
        string msgId = await SendAsync(request);
        await WaitForAsync(m => m.ParentMsgId == msgId && m.IsStatus("idle"), $"idle for {request.MsgType} {msgId}", timeout);
        return new Exchange(msgId, Received.Where(m => m.ParentMsgId == msgId).ToArray());
    }

    public Task<Exchange> RequestAsync(string msgType, JsonObject? content = null, string channel = "shell", IReadOnlyList<byte[]>? buffers = null) =>
        RequestAsync(NewMessage(msgType, content, channel, buffers));

    /// <summary>The first message (already received or still to come) that matches; fails on timeout
    /// or when the connection ends first, listing what did arrive.</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<ReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_received)
        {
            if (_received.FirstOrDefault(match) is { } already)
                return already;
            if (_closed.Task.IsCompleted)
                throw Failure($"the connection had already ended ({_closed.Task.Result}) before {what}");
            _waiters.Add((match, done));
        }
        try
        {
            return await done.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw Failure($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds}s waiting for {what}");
        }
        finally
        {
            lock (_received)
                _waiters.RemoveAll(w => w.Done == done);
        }
    }

    /// <summary>Waits for the server to end the connection.</summary>
    public async Task<CloseInfo> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _closed.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw Failure("timed out waiting for the server to close the connection");
        }
    }

    /// <summary>A clean close from this side (status 1000), waiting for the server's answer.</summary>
    public async Task CloseAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", timeout.Token);
            }
            catch (WebSocketException)
            {
            }
        }
        await _receiveLoop.WaitAsync(DefaultTimeout);
    }

    private Xunit.Sdk.XunitException Failure(string what) =>
        new($"kernel {KernelId} page {PageId}: {what}. Received so far:\n  {string.Join("\n  ", Received.Select(m => m.ToString()))}");

    private async Task ReceiveLoopAsync()
    {
        byte[] chunk = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    Ended(new CloseInfo(_socket.CloseStatus, _socket.CloseStatusDescription));
                    return;
                }
                message.Write(chunk, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                Deliver(WireFrame.Decode(message.ToArray(), result.MessageType == WebSocketMessageType.Binary));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Ended(_socket.CloseStatus is { } status ? new CloseInfo(status, _socket.CloseStatusDescription) : new CloseInfo(null, e.Message));
        }
    }

    private void Deliver(ReceivedMessage received)
    {
        List<TaskCompletionSource<ReceivedMessage>> matched = [];
        lock (_received)
        {
            _received.Add(received);
            foreach ((Func<ReceivedMessage, bool> match, TaskCompletionSource<ReceivedMessage> done) in _waiters)
                if (match(received))
                    matched.Add(done);
        }
        foreach (TaskCompletionSource<ReceivedMessage> done in matched)
            done.TrySetResult(received);
    }

    private void Ended(CloseInfo info)
    {
        List<TaskCompletionSource<ReceivedMessage>> waiting;
        lock (_received)
        {
            _closed.TrySetResult(info);
            waiting = _waiters.Select(w => w.Done).ToList();
        }
        foreach (TaskCompletionSource<ReceivedMessage> done in waiting)
            done.TrySetException(Failure($"the connection ended ({info}) while a wait was pending"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
        }
        _socket.Abort();
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
