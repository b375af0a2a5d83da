using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Solara.Orleans.Tests.Browser;

/// <summary>
/// Sits between a page and the server on its kernel socket (Playwright WebSocket routing). While open,
/// frames pass through (text frames from the server optionally rewritten); while closed, new sockets
/// are refused at once, as an unreachable server would.
/// </summary>
public sealed class SocketGate
{
    public const string KernelSockets = "**/jupyter/api/kernels/*/channels*";

    private readonly Func<JsonObject, JsonObject>? _rewriteFromServer;
    private volatile bool _open = true;

    /// <param name="rewriteFromServer">Applied to every JSON message the server sends, or null to pass them through untouched.</param>
    public SocketGate(Func<JsonObject, JsonObject>? rewriteFromServer = null) => _rewriteFromServer = rewriteFromServer;

    public Task InstallAsync(IPage page) => page.RouteWebSocketAsync(KernelSockets, Handle);

    public void Open() => _open = true;

    public void Close() => _open = false;

    private void Handle(IWebSocketRoute page)
    {
        if (!_open)
        {
            _ = page.CloseAsync(new WebSocketRouteCloseOptions { Code = 1011, Reason = "test gate closed" });
            return;
        }
        IWebSocketRoute server = page.ConnectToServer();
        if (_rewriteFromServer is null)
            return;
        page.OnMessage(frame => Forward(frame, server));
        server.OnMessage(frame =>
        {
            if (frame.Text is { } text && JsonNode.Parse(text) is JsonObject message)
                page.Send(_rewriteFromServer(message).ToJsonString());
            else
                Forward(frame, page);
        });
    }

    private static void Forward(IWebSocketFrame frame, IWebSocketRoute to)
    {
        if (frame.Text is { } text)
            to.Send(text);
        else if (frame.Binary is { } binary)
            to.Send(binary);
    }
}
