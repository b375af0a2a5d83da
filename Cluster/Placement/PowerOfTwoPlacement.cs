using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Cluster.Placement;

/// <summary>Places a new activation on the less loaded of two random live silos that have room
/// (live: Active with a heartbeat within <paramref name="lease"/>). Placement only chooses where new
/// activations go; live ones never move.</summary>
public sealed class PowerOfTwoPlacement(IMembershipTable membership, TimeSpan lease) : IPlacementDirector
{
    public async Task<SiloAddress?> PlaceAsync(string grainId)
    {
        MembershipSnapshot snapshot = await membership.ReadAllAsync();
        MembershipEntry[] candidates = snapshot.Live(lease).Where(e => e.HasRoom).ToArray();
        if (candidates.Length == 0)
            return null;
        if (candidates.Length == 1)
            return candidates[0].Silo;
        MembershipEntry a = candidates[Random.Shared.Next(candidates.Length)];
        MembershipEntry b = candidates[Random.Shared.Next(candidates.Length)];
        return (a.Activations <= b.Activations ? a : b).Silo;
    }
}
