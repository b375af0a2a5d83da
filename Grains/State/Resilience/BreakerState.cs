namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>The circuit breaker's position, as <c>/resourcez</c> and the <c>breaker transition=</c> lines name it.</summary>
public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public static class BreakerStateNames
{
    /// <summary><c>closed</c>, <c>open</c> or <c>half_open</c>.</summary>
    public static string WireName(this BreakerState state) => state switch
    {
        BreakerState.Closed => "closed",
        BreakerState.Open => "open",
        _ => "half_open",
    };
}
