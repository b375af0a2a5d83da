namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>What renewing a lease found: <see cref="DeclaredDead"/> means peers have declared this
/// silo dead and it must stop (a restart joins with a new generation).</summary>
public sealed record HeartbeatResult(bool DeclaredDead, DateTimeOffset Now);
