using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks;

/// <summary>A minimal Jupyter client over a raw WebSocket: enough to run an app and click buttons.</summary>
public sealed class BenchmarkKernelClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    // Small to start, grown on demand: the load generator holds thousands of clients at once.
    private byte[] _buffer = new byte[4096];

    public string KernelId { get; } = Guid.NewGuid().ToString();

    /// <summary>Size on the wire of the last frame received.</summary>
    public int LastFrameBytes { get; private set; }

    /// <summary>Frames this client sent and received since it connected.</summary>
    public long FramesSent { get; private set; }

    public long FramesReceived { get; private set; }

    public static async Task<BenchmarkKernelClient> ConnectAsync(string baseUrl, CancellationToken cancellation = default)
    {
        var client = new BenchmarkKernelClient();
        client._socket.Options.SetBuffer(4096, 4096);
        client._socket.Options.Cookies = new CookieContainer();
        var uri = new Uri(baseUrl);
        client._socket.Options.Cookies.Add(new Cookie("solara-session-id", Guid.NewGuid().ToString(), "/", uri.Host));
        string ws = "ws" + baseUrl.TrimEnd('/')["http".Length..];
        await client._socket.ConnectAsync(new Uri($"{ws}/jupyter/api/kernels/{client.KernelId}/channels?session_id={Guid.NewGuid()}"), cancellation);
        return client;
    }

    public async Task<string> SendAsync(string msgType, JsonObject content, string channel = "shell")
    {
        string msgId = Guid.NewGuid().ToString("N");
        var message = new JsonObject
        {
            ["header"] = new JsonObject { ["msg_id"] = msgId, ["msg_type"] = msgType, ["username"] = "bench", ["session"] = "bench", ["date"] = DateTime.UtcNow.ToString("O"), ["version"] = "5.3" },
            ["parent_header"] = new JsonObject(),
            ["metadata"] = new JsonObject(),
            ["content"] = content,
            ["channel"] = channel,
        };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        FramesSent++;
        return msgId;
    }

    public async Task<JupyterMessage> ReceiveAsync(CancellationToken cancellation = default)
    {
        int length = 0;
        while (true)
        {
            if (length == _buffer.Length)
                Array.Resize(ref _buffer, _buffer.Length * 2);
            WebSocketReceiveResult result = await _socket.ReceiveAsync(new ArraySegment<byte>(_buffer, length, _buffer.Length - length), cancellation);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException($"server closed the socket: {result.CloseStatus} {result.CloseStatusDescription}");
            length += result.Count;
            if (result.EndOfMessage)
            {
                LastFrameBytes = length;
                FramesReceived++;
                return result.MessageType == WebSocketMessageType.Binary
                    ? FrameCodec.DecodeBinary(_buffer.AsSpan(0, length))
                    : FrameCodec.DecodeText(_buffer.AsSpan(0, length));
            }
        }
    }

    /// <summary>Receives until the idle status parented to <paramref name="msgId"/>, returning everything seen.</summary>
    public async Task<List<JupyterMessage>> UntilIdleAsync(string msgId, CancellationToken cancellation = default)
    {
        var seen = new List<JupyterMessage>();
        while (true)
        {
            JupyterMessage message = await ReceiveAsync(cancellation);
            seen.Add(message);
            if (message.MsgType == "status" && (string?)message.ParentHeader["msg_id"] == msgId && (string?)message.Content["execution_state"] == "idle")
                return seen;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        _socket.Dispose();
    }
}
