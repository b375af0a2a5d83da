namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>A silo's identity: where it listens, and a generation that is new on every start.</summary>
public sealed record SiloAddress(string Endpoint, long Generation)
{
    public override string ToString() => $"{Endpoint}@{Generation}";
}
