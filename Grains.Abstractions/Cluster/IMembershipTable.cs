namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>Which silos exist and their status. Status changes are compare-and-swap on the table version;
/// heartbeats (liveness and load) are separate single-owner writes stamped with the table's clock.</summary>
public interface IMembershipTable
{
    Task<MembershipSnapshot> ReadAllAsync();

    /// <summary>Writes <paramref name="entry"/>'s status row if the table is still at <paramref name="expectedVersion"/>
    /// (and increments the version). A row already Dead never changes again.</summary>
    Task<bool> TryUpdateStatusAsync(MembershipEntry entry, long expectedVersion);

    /// <summary>Renews <paramref name="silo"/>'s lease and reports its load; does not change the version.</summary>
    Task<HeartbeatResult> HeartbeatAsync(SiloAddress silo, int activations);

    /// <summary>Removes a Dead row (cleanup of defunct silos) if the table is still at <paramref name="expectedVersion"/>.</summary>
    Task<bool> TryRemoveAsync(SiloAddress silo, long expectedVersion);
}
