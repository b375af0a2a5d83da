namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>One move of the circuit breaker, with why it happened (<c>failures-3</c>,
/// <c>window-elapsed</c>, <c>probe-ok</c>, <c>probe-failed</c>) and the error that caused it, if any.</summary>
public sealed record BreakerTransition(BreakerState From, BreakerState To, string Reason, string? Error);
