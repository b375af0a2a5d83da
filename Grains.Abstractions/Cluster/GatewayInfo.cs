namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>One gateway process as the cluster sees it: where it listens, when it started, its last
/// heartbeat on the table clock, and its open browser sockets.</summary>
public sealed record GatewayInfo(string Endpoint, DateTimeOffset StartTime, DateTimeOffset LastSeen, int OpenSockets);
