namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>Which silos exist and their status. Status changes are compare-and-swap on the table version;
/// heartbeats (liveness and load) are separate single-owner writes.</summary>
public interface IMembershipTable
{
    Task<MembershipSnapshot> ReadAllAsync();

    /// <summary>Writes <paramref name="entry"/> if the table is still at <paramref name="expectedVersion"/>.</summary>
    Task<bool> TryUpdateStatusAsync(MembershipEntry entry, long expectedVersion);

    Task HeartbeatAsync(SiloAddress silo, int activations);
}
