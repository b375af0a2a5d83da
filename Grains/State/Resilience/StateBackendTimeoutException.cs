namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>A backend call did not finish within <c>SOLARA_STATE_CONNECT_TIMEOUT</c> (or its caller
/// gave up first). Whether the operation was applied is unknown; it counts as a breaker failure.</summary>
public sealed class StateBackendTimeoutException(string operation, TimeSpan timeout)
    : TimeoutException($"state backend {operation} did not answer within SOLARA_STATE_CONNECT_TIMEOUT={timeout.TotalMilliseconds:0.###}ms");
