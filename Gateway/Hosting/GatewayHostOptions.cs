using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Transport;

namespace Solara.Orleans.Gateway.Hosting;

/// <summary>Everything a cluster gateway needs, already validated.</summary>
public sealed record GatewayHostOptions(IReadOnlyList<string> Urls, ServerOptions Server, KernelOptions Kernels, ClusterOptions Cluster)
{
    /// <summary>How this gateway names itself in the registry (operations only).</summary>
    public string Advertise => Cluster.Advertise ?? AdvertisedUrl.From(Urls[0]);
}
