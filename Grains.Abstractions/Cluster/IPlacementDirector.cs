namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>Chooses the silo for a new activation; null when every live silo is full.</summary>
public interface IPlacementDirector
{
    Task<SiloAddress?> PlaceAsync(string grainId);
}
