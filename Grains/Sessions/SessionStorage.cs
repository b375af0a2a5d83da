using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Grains.State.Resilience;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>A session grain's way to the state backend: skipped while the process's circuit breaker is
/// not closed, each call bounded by <c>SOLARA_STATE_CONNECT_TIMEOUT</c>, and not counted by the breaker
/// or the kernels' state statistics (the kernels' own calls detect an outage; a session grain's calls
/// on the connect path must not move it). Failures are thrown to the grain, which logs them and keeps
/// its state in memory.</summary>
public sealed class SessionStorage(StatePersistence state)
{
    public StatePersistence State => state;

    public async Task<T> CallAsync<T>(string operation, Func<IStateBackend, CancellationToken, Task<T>> call)
    {
        (IStateBackend backend, CircuitBreaker? breaker) = state.Backend is ResilientStateBackend resilient
            ? (resilient.Inner, resilient.Breaker)
            : (state.Backend, null);
        if (breaker is { State: not BreakerState.Closed })
            throw new InvalidOperationException($"session {operation} skipped: the state backend's circuit breaker is not closed");
        TimeSpan cap = state.Options.ConnectTimeout;
        using var timeout = new CancellationTokenSource(cap, state.Time);
        try
        {
            return await call(backend, timeout.Token).WaitAsync(cap, state.Time);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"session {operation}: the state backend did not answer within SOLARA_STATE_CONNECT_TIMEOUT={cap.TotalMilliseconds}ms");
        }
    }
}
