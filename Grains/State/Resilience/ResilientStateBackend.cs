using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;

namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>Wraps any <see cref="IStateBackend"/> so that it never hurts the interaction path:
/// <list type="bullet">
/// <item>every call is bounded by <c>SOLARA_STATE_CONNECT_TIMEOUT</c> (also for backends that do not
/// cap themselves) and then throws <see cref="StateBackendTimeoutException"/>;</item>
/// <item>every failure (error or timeout) feeds the <see cref="CircuitBreaker"/>; while it is open a
/// call throws <see cref="StateBackendUnavailableException"/> at once, without backend I/O;</item>
/// <item>a takeover the caller gave up on is cleaned up when its late result arrives
/// (claim-or-delete, see <see cref="LateTakeoverCleanup"/>).</item>
/// </list>
/// Argument errors are the caller's bug: they are thrown before the breaker is asked and never count.
/// The inner backend is not owned: whoever created it disposes it.</summary>
public sealed class ResilientStateBackend : IStateBackend, IStateBackendHealth
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LateTakeoverCleanup _cleanup;

    /// <summary>Takeovers in flight at once. A silo's failover brings hundreds of pages at the same moment;
    /// queued takeovers wait here (the page waits a little) instead of all racing the connect timeout on a
    /// saturated process, where a few timeouts in a row would open the breaker and start every remaining
    /// kernel unpersisted. Only the backend call itself is bounded by the timeout.</summary>
    private const int MaxConcurrentTakeovers = 8;

    private readonly SemaphoreSlim _takeoverGate = new(MaxConcurrentTakeovers, MaxConcurrentTakeovers);
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastOk;
    private (string Message, DateTimeOffset At)? _lastError;

    public ResilientStateBackend(IStateBackend inner, TimeSpan timeout, CircuitBreaker breaker, ILogger logger, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Inner = inner;
        Breaker = breaker;
        _timeout = timeout;
        _time = time;
        _logger = logger;
        _cleanup = new LateTakeoverCleanup(inner, timeout, logger, time);
        breaker.Transitioned += LogTransition;
    }

    /// <summary>The decorator the settings describe: <c>SOLARA_STATE_CONNECT_TIMEOUT</c>,
    /// <c>SOLARA_STATE_BREAKER_FAILURES</c>, <c>SOLARA_STATE_BREAKER_WINDOW</c>.</summary>
    public static ResilientStateBackend Create(IStateBackend inner, StateOptions options, ILogger logger, TimeProvider time) =>
        new(inner, options.ConnectTimeout, new CircuitBreaker(options.BreakerFailures, options.BreakerWindow, time), logger, time);

    public IStateBackend Inner { get; }

    public CircuitBreaker Breaker { get; }

    /// <summary>Raised when a late takeover result has been dealt with: kernel id and action
    /// (<c>released</c>, <c>kept</c>, <c>stale</c>, <c>none</c>, <c>failed</c>, <c>unknown</c>).</summary>
    public event Action<string, string>? LateTakeoverHandled
    {
        add => _cleanup.Handled += value;
        remove => _cleanup.Handled -= value;
    }

    public bool IsShared => Inner.IsShared;

    BreakerState IStateBackendHealth.Breaker => Breaker.State;

    public long BreakerTransitions => Breaker.Transitions;

    public DateTimeOffset? LastOk { get { lock (_lock) return _lastOk; } }

    public (string Message, DateTimeOffset At)? LastError { get { lock (_lock) return _lastError; } }

    public async Task<TakeoverResult> TakeoverAsync(string kernelId, IReadOnlyList<byte[]> sessionHmacs, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Takeover(kernelId, sessionHmacs, ttl);
        Task<TakeoverResult> Call() => RunAsync("takeover", ct => Inner.TakeoverAsync(kernelId, sessionHmacs, schemaTag, ttl, ct), cancellationToken, late => _cleanup.After(kernelId, late));
        // While open, connects skip the takeover at once, without queueing.
        if (Breaker.State == BreakerState.Open)
            return await Call();
        await _takeoverGate.WaitAsync(cancellationToken);
        try
        {
            return await Call();
        }
        finally
        {
            _takeoverGate.Release();
        }
    }

    public Task<FlushResult> FlushAsync(string kernelId, long generation, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Flush(kernelId, fields, sessionHmac, ttl);
        return RunAsync("flush", ct => Inner.FlushAsync(kernelId, generation, fields, sessionHmac, schemaTag, ttl, ct), cancellationToken);
    }

    public Task<DeleteResult> DeleteAsync(string kernelId, long? generation, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Kernel(kernelId);
        return RunAsync("delete", ct => Inner.DeleteAsync(kernelId, generation, ct), cancellationToken);
    }

    public Task<long?> PeekGenerationAsync(string kernelId, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Kernel(kernelId);
        return RunAsync("peek", ct => Inner.PeekGenerationAsync(kernelId, ct), cancellationToken);
    }

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken callerToken, Action<Task<T>>? abandoned = null)
    {
        if (!Breaker.TryEnter(out bool probe, out TimeSpan retryIn))
            throw new StateBackendUnavailableException(operation, Breaker.State, retryIn);
        var bound = new CancellationTokenSource(_timeout, _time);
        CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, callerToken);
        Task<T> task;
        try
        {
            task = call(linked.Token);
        }
        catch (Exception e)
        {
            Dispose(bound, linked);
            Failed(probe, e.Message);
            throw;
        }
        _ = task.ContinueWith(_ => Dispose(bound, linked), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            T result = await task.WaitAsync(_timeout, _time, callerToken);
            Succeeded(probe);
            return result;
        }
        catch (Exception) when (!task.IsFaulted)
        {
            // Not the backend's own error: the wait timed out or the caller gave up (or the backend
            // honoured the cancellation). Whatever the call still does is no longer anyone's result.
            var timeout = new StateBackendTimeoutException(operation, _timeout);
            Failed(probe, timeout.Message);
            if (abandoned is not null)
                abandoned(task);
            else
                _ = task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw timeout;
        }
        catch (Exception e)
        {
            Failed(probe, e.Message);
            throw;
        }
    }

    private static void Dispose(CancellationTokenSource bound, CancellationTokenSource linked)
    {
        linked.Dispose();
        bound.Dispose();
    }

    private void Succeeded(bool probe)
    {
        lock (_lock)
            _lastOk = _time.GetUtcNow();
        Breaker.Succeeded(probe);
    }

    private void Failed(bool probe, string error)
    {
        lock (_lock)
            _lastError = (error, _time.GetUtcNow());
        Breaker.Failed(probe, error);
    }

    private void LogTransition(BreakerTransition t)
    {
        LogLevel level = t.To == BreakerState.Open ? LogLevel.Warning : LogLevel.Information;
        _logger.Log(level, "breaker transition={Transition} reason={Reason} from={From} error={Error}",
            t.To.WireName(), t.Reason, t.From.WireName(), t.Error ?? "none");
    }
}
