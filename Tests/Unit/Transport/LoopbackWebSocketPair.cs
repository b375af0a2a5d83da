using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Solara.Orleans.Tests.Unit.Transport;

/// <summary>Two ends of one real WebSocket over loopback TCP: the runtime's own WebSocket
/// implementation on both sides, as Kestrel and the gateway's client use it.</summary>
public sealed class LoopbackWebSocketPair : IDisposable
{
    private LoopbackWebSocketPair(WebSocket server, WebSocket client)
    {
        Server = server;
        Client = client;
    }

    /// <summary>The accepting end (expects masked frames, as a server does).</summary>
    public WebSocket Server { get; }

    /// <summary>The connecting end, which sends what the test wants the server to read.</summary>
    public WebSocket Client { get; }

    public static async Task<LoopbackWebSocketPair> ConnectAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Task connect = connecting.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        Socket accepted = await listener.AcceptSocketAsync();
        await connect;
        return new LoopbackWebSocketPair(
            WebSocket.CreateFromStream(new NetworkStream(accepted, ownsSocket: true), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero }),
            WebSocket.CreateFromStream(new NetworkStream(connecting, ownsSocket: true), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero }));
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
