namespace Solara.Orleans.Abstractions.Cluster;

public enum SiloStatus
{
    Joining,
    Active,
    ShuttingDown,
    Dead,
}
