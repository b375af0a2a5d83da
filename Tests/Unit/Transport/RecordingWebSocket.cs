using System.Net.WebSockets;
using System.Threading.Channels;

namespace Solara.Orleans.Tests.Unit.Transport;

/// <summary>A WebSocket that passes everything to another one and reports the size of the buffer
/// each receive was given, as the receive starts.</summary>
public sealed class RecordingWebSocket(WebSocket inner) : WebSocket
{
    private readonly Channel<int> _receiveBufferSizes = Channel.CreateUnbounded<int>();

    /// <summary>The buffer size of every receive, in the order they started.</summary>
    public ChannelReader<int> ReceiveBufferSizes => _receiveBufferSizes.Reader;

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;
    public override string? CloseStatusDescription => inner.CloseStatusDescription;
    public override WebSocketState State => inner.State;
    public override string? SubProtocol => inner.SubProtocol;

    public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _receiveBufferSizes.Writer.TryWrite(buffer.Length);
        return inner.ReceiveAsync(buffer, cancellationToken);
    }

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        _receiveBufferSizes.Writer.TryWrite(buffer.Count);
        return inner.ReceiveAsync(buffer, cancellationToken);
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Abort() => inner.Abort();

    public override void Dispose() => inner.Dispose();
}
