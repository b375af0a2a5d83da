using System.Collections.Concurrent;

namespace Solara.Orleans.Gateway.WebSockets;

/// <summary>The WebSockets this gateway holds open.</summary>
public sealed class SocketRegistry
{
    private readonly ConcurrentDictionary<GatewaySocket, byte> _sockets = new();

    public int Count => _sockets.Count;

    public void Add(GatewaySocket socket) => _sockets.TryAdd(socket, 0);

    public void Remove(GatewaySocket socket) => _sockets.TryRemove(socket, out _);

    /// <summary>Drops every socket without a close handshake, as a network failure would.</summary>
    public int AbortAll()
    {
        GatewaySocket[] sockets = _sockets.Keys.ToArray();
        foreach (GatewaySocket socket in sockets)
            socket.Abort();
        return sockets.Length;
    }
}
