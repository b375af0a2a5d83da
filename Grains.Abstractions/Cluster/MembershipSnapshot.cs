namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>The whole membership table at one version.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipEntry> Entries);
