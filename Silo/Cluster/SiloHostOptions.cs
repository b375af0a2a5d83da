using Solara.Apps;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Transport;

namespace Solara.Orleans.Silo.Cluster;

/// <summary>Everything a cluster silo needs, already validated.</summary>
public sealed record SiloHostOptions(
    IReadOnlyList<string> Urls,
    ServerOptions Server,
    KernelOptions Kernels,
    StateOptions State,
    ClusterOptions Cluster,
    IReadOnlyList<SolaraApp> Apps)
{
    /// <summary>The base URL peers reach this silo at: <c>SOLARA_CLUSTER_ADVERTISE</c>, else the first
    /// listen URL with a wildcard or <c>localhost</c> host replaced by 127.0.0.1.</summary>
    public string Advertise => Cluster.Advertise ?? AdvertisedUrl.From(Urls[0]);
}
