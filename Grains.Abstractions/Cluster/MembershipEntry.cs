namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>One silo's row in the membership table. <see cref="IAmAliveTime"/> is the table clock
/// of its last heartbeat; <see cref="StartTime"/> of its first row.</summary>
public sealed record MembershipEntry(SiloAddress Silo, SiloStatus Status, DateTimeOffset IAmAliveTime, int Activations, long? Capacity)
{
    public DateTimeOffset StartTime { get; init; }

    public bool HasRoom => Capacity is null || Activations < Capacity;

    public bool IsLive(DateTimeOffset now, TimeSpan lease) => Status == SiloStatus.Active && now - IAmAliveTime <= lease;
}
