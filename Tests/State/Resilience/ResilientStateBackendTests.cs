using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.State.Resilience;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.State.Resilience;

/// <summary>The decorator every kernel uses: bounded calls, the breaker in front of the backend,
/// the <c>breaker transition=</c> lines, and claim-or-delete of late takeovers.</summary>
public sealed class ResilientStateBackendTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly IReadOnlyList<byte[]> Session = [Encoding.ASCII.GetBytes("session-hmac")];
    private readonly CapturedLogs _logs = new();
    private readonly GatedStateBackend _backend = new();

    private ResilientStateBackend Resilient(TimeProvider? time = null, int failures = 2, TimeSpan? timeout = null, TimeSpan? window = null)
    {
        time ??= TimeProvider.System;
        var breaker = new CircuitBreaker(failures, window ?? TimeSpan.FromSeconds(30), time);
        return new ResilientStateBackend(_backend, timeout ?? TimeSpan.FromSeconds(5), breaker, _logs.CreateLogger("solara.state"), time);
    }

    private static Task<TakeoverResult> Takeover(IStateBackend backend, string kernelId = "k1") => backend.TakeoverAsync(kernelId, Session, "v1", Ttl);

    [Fact]
    public async Task Consecutive_errors_open_the_breaker_log_the_transition_and_then_fail_instantly_without_backend_io()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        ResilientStateBackend resilient = Resilient(time, failures: 2);
        _backend.Failure = new IOException("connection refused");

        await Assert.ThrowsAsync<IOException>(() => Takeover(resilient));
        await Assert.ThrowsAsync<IOException>(() => Takeover(resilient));
        int callsWhenOpened = _backend.Calls;
        var watch = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<StateBackendUnavailableException>(() => Takeover(resilient));
        watch.Stop();

        Assert.Equal(2, callsWhenOpened);
        Assert.Equal(2, _backend.Calls);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(100), $"refusal took {watch.Elapsed}");
        Assert.Equal(BreakerState.Open, refused.State);
        Assert.Equal(BreakerState.Open, ((IStateBackendHealth)resilient).Breaker);
        Assert.Equal("connection refused", resilient.LastError?.Message);
        (string category, LogLevel level, string line) = Assert.Single(_logs.Lines, l => l.Message.StartsWith("breaker transition=", StringComparison.Ordinal));
        Assert.Equal("solara.state", category);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal("breaker transition=open reason=failures-2 from=closed error=connection refused", line);
    }

    [Fact]
    public async Task After_the_window_one_probe_reaches_the_recovered_backend_and_closes_the_breaker()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        ResilientStateBackend resilient = Resilient(time, failures: 1, window: TimeSpan.FromSeconds(10));
        _backend.Failure = new IOException("down");
        await Assert.ThrowsAsync<IOException>(() => Takeover(resilient));
        _backend.Failure = null;

        time.Advance(TimeSpan.FromSeconds(10));
        TakeoverResult probe = await Takeover(resilient);

        Assert.Equal(TakeoverOutcome.Miss, probe.Outcome);
        Assert.Equal(BreakerState.Closed, resilient.Breaker.State);
        Assert.Equal(3, resilient.BreakerTransitions);
        string[] lines = [.. _logs.Matching("breaker transition=")];
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("breaker transition=open reason=failures-1 from=closed", lines[0], StringComparison.Ordinal);
        Assert.Equal("breaker transition=half_open reason=window-elapsed from=open error=none", lines[1]);
        Assert.Equal("breaker transition=closed reason=probe-ok from=half_open error=none", lines[2]);
        Assert.Equal(time.GetUtcNow(), resilient.LastOk);
    }

    [Fact]
    public async Task A_backend_that_does_not_answer_is_cut_off_at_the_connect_timeout_and_counts_as_a_failure()
    {
        ResilientStateBackend resilient = Resilient(failures: 1, timeout: TimeSpan.FromMilliseconds(100));
        _backend.Hold();

        var watch = Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<StateBackendTimeoutException>(() => resilient.FlushAsync("k1", 1, new Dictionary<string, byte[]>(), Session[0], "v1", Ttl));
        watch.Stop();
        _backend.Release();

        Assert.IsAssignableFrom<TimeoutException>(timeout);
        Assert.Contains("SOLARA_STATE_CONNECT_TIMEOUT=100ms", timeout.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the call took {watch.Elapsed}");
        Assert.Equal(BreakerState.Open, resilient.Breaker.State);
    }

    [Fact]
    public async Task A_late_takeover_miss_is_released_so_no_empty_claim_is_left_behind()
    {
        ResilientStateBackend resilient = Resilient(timeout: TimeSpan.FromMilliseconds(100));
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        resilient.LateTakeoverHandled += (kernel, action) => handled.TrySetResult($"{kernel}:{action}");
        _backend.Hold();

        await Assert.ThrowsAsync<StateBackendTimeoutException>(() => Takeover(resilient, "late-miss"));
        _backend.Release();

        Assert.Equal("late-miss:released", await handled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(_backend.Inner.ReadHash("late-miss"));
        Assert.Single(_logs.Matching("takeover late-result kernel=late-miss outcome=Miss action=released"));
    }

    [Fact]
    public async Task A_late_takeover_that_restored_values_keeps_them()
    {
        ResilientStateBackend resilient = Resilient(timeout: TimeSpan.FromMilliseconds(100));
        TakeoverResult first = await Takeover(_backend.Inner, "late-restore");
        await _backend.Inner.FlushAsync("late-restore", first.Generation, new Dictionary<string, byte[]> { ["reactive:a"] = [1, 2, 3] }, Session[0], "v1", Ttl);
        var handled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        resilient.LateTakeoverHandled += (_, action) => handled.TrySetResult(action);
        _backend.Hold();

        await Assert.ThrowsAsync<StateBackendTimeoutException>(() => Takeover(resilient, "late-restore"));
        _backend.Release();

        Assert.Equal("kept", await handled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 2, 3], _backend.Inner.ReadHash("late-restore")!["reactive:a"]);
        Assert.Equal(2, await _backend.Inner.PeekGenerationAsync("late-restore"));
    }

    [Fact]
    public async Task Argument_errors_are_the_callers_bug_and_never_count_as_backend_failures()
    {
        ResilientStateBackend resilient = Resilient(failures: 1);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => resilient.TakeoverAsync("k1", [], "v1", Ttl));

        Assert.Equal(BreakerState.Closed, resilient.Breaker.State);
        Assert.Equal(0, _backend.Calls);
    }
}
