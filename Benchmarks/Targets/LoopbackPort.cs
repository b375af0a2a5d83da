using System.Net;
using System.Net.Sockets;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>A free TCP port on loopback for a server the benchmarks start.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
