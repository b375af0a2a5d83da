namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>Where one activation of a grain lives; <see cref="Fence"/> grows with every registration.</summary>
public sealed record GrainAddress(string GrainId, string ActivationId, SiloAddress Silo, long Fence);
