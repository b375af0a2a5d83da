namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>One silo's row in the membership table.</summary>
public sealed record MembershipEntry(SiloAddress Silo, SiloStatus Status, DateTimeOffset IAmAliveTime, int Activations, long? Capacity)
{
    public bool HasRoom => Capacity is null || Activations < Capacity;
}
