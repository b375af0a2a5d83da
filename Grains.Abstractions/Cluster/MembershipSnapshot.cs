namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>The whole membership table at one version, with the table's clock (Redis <c>TIME</c>)
/// at the moment it was read, so heartbeat ages are judged on one clock.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipEntry> Entries, DateTimeOffset Now)
{
    /// <summary>Silos that are Active and whose heartbeat is within <paramref name="lease"/>.</summary>
    public IEnumerable<MembershipEntry> Live(TimeSpan lease) => Entries.Where(e => e.IsLive(Now, lease));

    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo == silo);
}
