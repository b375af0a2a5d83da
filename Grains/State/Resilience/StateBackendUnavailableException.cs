namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>Thrown at once, without touching the backend, while the circuit breaker is open (or its
/// one half-open probe is in flight): the caller skips the takeover (the kernel runs unpersisted)
/// or the flush (the keys stay dirty and are retried).</summary>
public sealed class StateBackendUnavailableException(string operation, BreakerState state, TimeSpan retryIn)
    : Exception($"state backend {operation} skipped: the circuit breaker is {state.WireName()} after repeated backend failures; next probe in {Math.Max(0, retryIn.TotalSeconds):0.###}s (SOLARA_STATE_BREAKER_WINDOW)")
{
    public BreakerState State { get; } = state;

    /// <summary>How long until the breaker lets a probe through.</summary>
    public TimeSpan RetryIn { get; } = retryIn;
}
