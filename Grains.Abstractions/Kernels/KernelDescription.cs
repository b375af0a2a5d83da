namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>What <c>GET /jupyter/api/kernels/{id}</c> reports about a live kernel.</summary>
public sealed record KernelDescription(string Id, string ExecutionState, int Connections, DateTimeOffset LastActivity);
