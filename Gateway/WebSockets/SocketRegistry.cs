using Solara.Orleans.Cluster.Transport;
using System.Collections.Concurrent;

namespace Solara.Orleans.Gateway.WebSockets;

/// <summary>The WebSockets this gateway holds open.</summary>
public sealed class SocketRegistry
{
    private readonly ConcurrentDictionary<QueuedWebSocket, byte> _sockets = new();

    public int Count => _sockets.Count;

    public void Add(QueuedWebSocket socket) => _sockets.TryAdd(socket, 0);

    public void Remove(QueuedWebSocket socket) => _sockets.TryRemove(socket, out _);

    /// <summary>Drops every socket without a close handshake, as a network failure would.</summary>
    public int AbortAll()
    {
        QueuedWebSocket[] sockets = _sockets.Keys.ToArray();
        foreach (QueuedWebSocket socket in sockets)
            socket.Abort();
        return sockets.Length;
    }
}
