using System.Net.Sockets;

namespace Solara.Orleans.Cluster.Membership;

/// <summary>Asks the operating system whether anything listens at a silo's endpoint. A refused TCP
/// connection (a reset from the host) means the process that served it is gone; a timeout, an
/// unresolvable name or an accepted connection say nothing (a partition, a hung or merely slow process
/// all look like that), so only the refusal counts.</summary>
public static class EndpointProbe
{
    public static async Task<bool> RefusesConnectionsAsync(string endpoint, TimeSpan timeout)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
            return false;
        using var deadline = new CancellationTokenSource(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(uri.Host, uri.Port, deadline.Token);
            return false;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionRefused;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
