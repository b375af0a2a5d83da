using Solara.Orleans.Grains.State.Resilience;

namespace Solara.Orleans.Tests.State.Resilience;

/// <summary>The breaker's state machine on a clock the test moves by hand.</summary>
public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<BreakerTransition> _moves = [];

    private CircuitBreaker Breaker(int failures = 3)
    {
        var breaker = new CircuitBreaker(failures, Window, _time);
        breaker.Transitioned += _moves.Add;
        return breaker;
    }

    private static void Fail(CircuitBreaker breaker, int times)
    {
        for (int i = 0; i < times; i++)
        {
            Assert.True(breaker.TryEnter(out bool probe, out _));
            breaker.Failed(probe, "boom");
        }
    }

    [Fact]
    public void Opens_after_the_configured_consecutive_failures_and_not_before()
    {
        CircuitBreaker breaker = Breaker(failures: 3);

        Fail(breaker, 2);
        BreakerState afterTwo = breaker.State;
        Fail(breaker, 1);

        Assert.Equal(BreakerState.Closed, afterTwo);
        Assert.Equal(BreakerState.Open, breaker.State);
        BreakerTransition move = Assert.Single(_moves);
        Assert.Equal(new BreakerTransition(BreakerState.Closed, BreakerState.Open, "failures-3", "boom"), move);
        Assert.Equal(1, breaker.Transitions);
    }

    [Fact]
    public void A_success_resets_the_consecutive_failure_count()
    {
        CircuitBreaker breaker = Breaker(failures: 3);

        Fail(breaker, 2);
        Assert.True(breaker.TryEnter(out bool probe, out _));
        breaker.Succeeded(probe);
        Fail(breaker, 2);

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Empty(_moves);
    }

    [Fact]
    public void While_open_every_call_is_refused_until_the_window_has_elapsed()
    {
        CircuitBreaker breaker = Breaker(failures: 1);
        Fail(breaker, 1);

        _time.Advance(Window - TimeSpan.FromSeconds(1));
        bool admitted = breaker.TryEnter(out _, out TimeSpan retryIn);

        Assert.False(admitted);
        Assert.Equal(TimeSpan.FromSeconds(1), retryIn);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public void After_the_window_exactly_one_half_open_probe_is_admitted()
    {
        CircuitBreaker breaker = Breaker(failures: 1);
        Fail(breaker, 1);
        _time.Advance(Window);

        bool first = breaker.TryEnter(out bool firstIsProbe, out _);
        bool second = breaker.TryEnter(out bool secondIsProbe, out _);

        Assert.True(first);
        Assert.True(firstIsProbe);
        Assert.False(second);
        Assert.False(secondIsProbe);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.Equal(new BreakerTransition(BreakerState.Open, BreakerState.HalfOpen, "window-elapsed", null), _moves[^1]);
    }

    [Fact]
    public void A_successful_probe_closes_the_breaker()
    {
        CircuitBreaker breaker = Breaker(failures: 1);
        Fail(breaker, 1);
        _time.Advance(Window);
        Assert.True(breaker.TryEnter(out bool probe, out _));

        breaker.Succeeded(probe);

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.True(breaker.TryEnter(out bool next, out _));
        Assert.False(next);
        Assert.Equal(["open", "half_open", "closed"], _moves.Select(m => m.To.WireName()));
        Assert.Equal("probe-ok", _moves[^1].Reason);
        Assert.Equal(3, breaker.Transitions);
    }

    [Fact]
    public void A_failed_probe_reopens_the_breaker_for_a_whole_new_window()
    {
        CircuitBreaker breaker = Breaker(failures: 1);
        Fail(breaker, 1);
        _time.Advance(Window + TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryEnter(out bool probe, out _));

        breaker.Failed(probe, "still down");
        _time.Advance(Window - TimeSpan.FromMilliseconds(1));
        bool beforeNewWindow = breaker.TryEnter(out _, out _);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        bool afterNewWindow = breaker.TryEnter(out bool nextProbe, out _);

        Assert.False(beforeNewWindow);
        Assert.True(afterNewWindow);
        Assert.True(nextProbe);
        Assert.Equal(new BreakerTransition(BreakerState.HalfOpen, BreakerState.Open, "probe-failed", "still down"), _moves[2]);
    }

    [Fact]
    public void Late_results_of_calls_admitted_before_opening_do_not_move_an_open_breaker()
    {
        CircuitBreaker breaker = Breaker(failures: 1);
        Assert.True(breaker.TryEnter(out bool early, out _));
        Fail(breaker, 1);

        breaker.Succeeded(early);
        breaker.Failed(early, "late");

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Single(_moves);
    }
}
