using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks.Failover;

/// <summary>One simulated page of the failover benchmark: a fixed kernel id, page id and session, so it can
/// reconnect to the same kernel as the browser client does; runs the counter and reads its label.</summary>
public sealed class FailoverPage(string gatewayWebSocketBase)
{
    private ClientWebSocket? _socket;
    private string _controlId = "";
    private readonly byte[] _buffer = new byte[1 << 20];

    public string KernelId { get; } = Guid.NewGuid().ToString();
    public string PageId { get; } = Guid.NewGuid().ToString();
    public string Session { get; } = Guid.NewGuid().ToString();
    public string ButtonId { get; private set; } = "";
    public string Label { get; private set; } = "";

    /// <summary>Completes with the close code when the server ends the connection.</summary>
    public Task<int?> Closed { get; private set; } = Task.FromResult<int?>(null);

    public async Task ConnectAndRunAsync(CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        _socket = new ClientWebSocket();
        _socket.Options.SetRequestHeader("Cookie", $"solara-session-id={Session}");
        await _socket.ConnectAsync(new Uri($"{gatewayWebSocketBase}/jupyter/api/kernels/{KernelId}/channels?session_id={PageId}"), cancellationToken);
        _controlId = Guid.NewGuid().ToString("N");
        await UntilIdleAsync(await SendAsync("comm_open", new JsonObject { ["comm_id"] = _controlId, ["target_name"] = "solara.control", ["data"] = new JsonObject() }), cancellationToken);
        List<JupyterMessage> opened = await UntilIdleAsync(await SendAsync("comm_msg", new JsonObject
        {
            ["comm_id"] = _controlId,
            ["data"] = new JsonObject { ["method"] = "run", ["args"] = new JsonObject { ["path"] = "/counter", ["appName"] = "counter" } },
        }), cancellationToken);
        JsonObject button = opened.Where(m => m.MsgType == "comm_open").Select(m => m.Content)
            .First(c => (string?)c["data"]!["state"]!["_model_name"] == "ButtonModel");
        ButtonId = (string)button["comm_id"]!;
        Label = (string?)button["data"]!["state"]!["description"] ?? "";
    }

    public async Task ClickAsync(CancellationToken cancellationToken)
    {
        List<JupyterMessage> seen = await UntilIdleAsync(await SendAsync("comm_msg", new JsonObject
        {
            ["comm_id"] = ButtonId,
            ["data"] = new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "click" } },
        }), cancellationToken);
        foreach (JupyterMessage m in seen.Where(m => m.MsgType == "comm_msg" && (string?)m.Content["comm_id"] == ButtonId))
            if ((string?)m.Content["data"]?["state"]?["description"] is { } d)
                Label = d;
    }

    /// <summary>After the clicks (no request in flight), watch for the server closing the connection.</summary>
    public void Watch() => Closed = WatchCloseAsync(_socket!);

    public void Abort() => _socket?.Abort();

    private async Task<int?> WatchCloseAsync(ClientWebSocket socket)
    {
        try
        {
            while (true)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(_buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                    return (int?)result.CloseStatus;
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<string> SendAsync(string msgType, JsonObject content)
    {
        string msgId = Guid.NewGuid().ToString("N");
        var message = new JsonObject
        {
            ["header"] = new JsonObject { ["msg_id"] = msgId, ["msg_type"] = msgType, ["username"] = "bench", ["session"] = PageId, ["date"] = DateTime.UtcNow.ToString("O"), ["version"] = "5.3" },
            ["parent_header"] = new JsonObject(),
            ["metadata"] = new JsonObject(),
            ["content"] = content,
            ["channel"] = "shell",
        };
        await _socket!.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        return msgId;
    }

    private async Task<List<JupyterMessage>> UntilIdleAsync(string msgId, CancellationToken cancellationToken)
    {
        var seen = new List<JupyterMessage>();
        while (true)
        {
            int length = 0;
            WebSocketReceiveResult result;
            do
            {
                result = await _socket!.ReceiveAsync(new ArraySegment<byte>(_buffer, length, _buffer.Length - length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                    throw new WebSocketException($"closed: {result.CloseStatus} {result.CloseStatusDescription}");
                length += result.Count;
            }
            while (!result.EndOfMessage);
            JupyterMessage message = result.MessageType == WebSocketMessageType.Binary ? FrameCodec.DecodeBinary(_buffer.AsSpan(0, length)) : FrameCodec.DecodeText(_buffer.AsSpan(0, length));
            seen.Add(message);
            if (message.MsgType == "status" && (string?)message.ParentHeader["msg_id"] == msgId && (string?)message.Content["execution_state"] == "idle")
                return seen;
        }
    }
}
