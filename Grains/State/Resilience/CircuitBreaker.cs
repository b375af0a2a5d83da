namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>A per-process circuit breaker over the state backend.
/// <list type="bullet">
/// <item><b>closed</b>: every call passes; <c>failureThreshold</c> consecutive failures open it.</item>
/// <item><b>open</b>: every call is refused at once for <c>window</c>; the first call after the
/// window becomes the single <b>half_open</b> probe.</item>
/// <item><b>half_open</b>: only the probe is in flight, every other call is refused; the probe's
/// success closes the breaker, its failure opens it for another window.</item>
/// </list>
/// A success in the closed state resets the failure count. Results of calls admitted before the
/// breaker opened do not move an open breaker (only the probe does). Time comes from the injected
/// <see cref="TimeProvider"/>, so tests move the window by hand.</summary>
public sealed class CircuitBreaker
{
    private readonly int _failureThreshold;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private BreakerState _state = BreakerState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset _openedAt;
    private long _transitions;

    public CircuitBreaker(int failureThreshold, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failureThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        _failureThreshold = failureThreshold;
        _window = window;
        _time = time;
    }

    /// <summary>Raised after every transition, outside the breaker's lock.</summary>
    public event Action<BreakerTransition>? Transitioned;

    public BreakerState State { get { lock (_lock) return _state; } }

    public long Transitions { get { lock (_lock) return _transitions; } }

    /// <summary>Whether a call may go to the backend now. <paramref name="probe"/> is true for the one
    /// half-open probe, whose result must be reported with <c>probe: true</c>. When refused,
    /// <paramref name="retryIn"/> is the time left until the next probe may run.</summary>
    public bool TryEnter(out bool probe, out TimeSpan retryIn)
    {
        BreakerTransition? moved = null;
        bool admitted;
        lock (_lock)
        {
            probe = false;
            retryIn = TimeSpan.Zero;
            switch (_state)
            {
                case BreakerState.Closed:
                    admitted = true;
                    break;
                case BreakerState.Open when _time.GetUtcNow() - _openedAt >= _window:
                    moved = Move(BreakerState.HalfOpen, "window-elapsed", null);
                    probe = admitted = true;
                    break;
                case BreakerState.Open:
                    retryIn = _window - (_time.GetUtcNow() - _openedAt);
                    admitted = false;
                    break;
                default:
                    admitted = false; // the one probe is in flight
                    break;
            }
        }
        Raise(moved);
        return admitted;
    }

    public void Succeeded(bool probe)
    {
        BreakerTransition? moved = null;
        lock (_lock)
        {
            if (_state == BreakerState.Closed)
                _consecutiveFailures = 0;
            else if (probe && _state == BreakerState.HalfOpen)
            {
                _consecutiveFailures = 0;
                moved = Move(BreakerState.Closed, "probe-ok", null);
            }
        }
        Raise(moved);
    }

    public void Failed(bool probe, string error)
    {
        BreakerTransition? moved = null;
        lock (_lock)
        {
            if (probe && _state == BreakerState.HalfOpen)
            {
                moved = Open("probe-failed", error);
            }
            else if (_state == BreakerState.Closed && ++_consecutiveFailures >= _failureThreshold)
            {
                moved = Open($"failures-{_consecutiveFailures}", error);
            }
        }
        Raise(moved);
    }

    private BreakerTransition Open(string reason, string error)
    {
        _openedAt = _time.GetUtcNow();
        _consecutiveFailures = 0;
        return Move(BreakerState.Open, reason, error);
    }

    private BreakerTransition Move(BreakerState to, string reason, string? error)
    {
        var transition = new BreakerTransition(_state, to, reason, error);
        _state = to;
        _transitions++;
        return transition;
    }

    private void Raise(BreakerTransition? transition)
    {
        if (transition is not null)
            Transitioned?.Invoke(transition);
    }
}
