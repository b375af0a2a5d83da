using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Grains.Cluster;

/// <summary>Places a new activation on the less loaded of two random live silos that have room.</summary>
public sealed class PowerOfTwoPlacement(IMembershipTable membership) : IPlacementDirector
{
    public async Task<SiloAddress?> PlaceAsync(string grainId)
    {
        MembershipSnapshot snapshot = await membership.ReadAllAsync();
        MembershipEntry[] candidates = snapshot.Entries.Where(e => e.Status == SiloStatus.Active && e.HasRoom).ToArray();
        if (candidates.Length == 0)
            return null;
        if (candidates.Length == 1)
            return candidates[0].Silo;
        MembershipEntry a = candidates[Random.Shared.Next(candidates.Length)];
        MembershipEntry b = candidates[Random.Shared.Next(candidates.Length)];
        return (a.Activations <= b.Activations ? a : b).Silo;
    }
}
