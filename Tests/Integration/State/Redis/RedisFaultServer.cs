using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State.Redis;

/// <summary>What the Redis fault tests share: a persisted server on a <see cref="KillableRedis"/>,
/// the <c>/resourcez</c> state block, timed clicks and bounded waits.</summary>
public static class RedisFaultServer
{
    /// <summary>Generous for a loaded 2-core machine, and still far below the test's own timeouts.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    public static Task<TestServer> StartAsync(KillableRedis redis, string prefix, int breakerFailures, string breakerWindow) =>
        PersistedServer.StartAsync(
            ("SOLARA_STATE_BACKEND", "redis"), ("SOLARA_STATE_URL", redis.Url), ("SOLARA_STATE_PREFIX", prefix),
            ("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"), ("SOLARA_STATE_CONNECT_TIMEOUT", "2s"),
            ("SOLARA_STATE_BREAKER_FAILURES", breakerFailures.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("SOLARA_STATE_BREAKER_WINDOW", breakerWindow));

    public static async Task<JsonObject> StateBlockAsync(TestServer server)
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync($"{server.BaseUrl}/resourcez"))!["state"]!.AsObject();
    }

    /// <summary>Polls the state block until <paramref name="done"/> holds (the breaker moves on the backend's own timing).</summary>
    public static async Task<JsonObject> WaitForStateAsync(TestServer server, Func<JsonObject, bool> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            JsonObject state = await StateBlockAsync(server);
            if (done(state))
                return state;
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new Xunit.Sdk.XunitException($"waited 30 s for {what}; the state block is {state.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Clicks the counter; returns the label it shows after and how long the round trip took.</summary>
    public static async Task<(string Label, TimeSpan Took)> TimedClickAsync(RawKernelClient client, AppRun run)
    {
        var took = Stopwatch.StartNew();
        Exchange exchange = await client.ClickAsync(run.ButtonId);
        return (exchange.UpdatedDescription(run.ButtonId) ?? "", took.Elapsed);
    }

    /// <summary>A task completed by the kernel's next acknowledged flush (attach before causing it).</summary>
    public static Task<int> NextFlushAsync(KernelStateStore store)
    {
        var flushed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Once(int n)
        {
            store.Flushed -= Once;
            flushed.TrySetResult(n);
        }
        store.Flushed += Once;
        return flushed.Task;
    }

    /// <summary>A task completed by the kernel's next failed or skipped flush.</summary>
    public static Task<Exception> NextFlushFailureAsync(KernelStateStore store)
    {
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Once(Exception e)
        {
            store.FlushFailed -= Once;
            failed.TrySetResult(e);
        }
        store.FlushFailed += Once;
        return failed.Task;
    }

    /// <summary>The counter value stored in Redis for <paramref name="kernelId"/>, verified and decoded; null when absent.</summary>
    public static async Task<long?> StoredClicksAsync(TestServer server, KillableRedis redis, string prefix, string kernelId)
    {
        var reply = await redis.CommandAsync("HGET", prefix + kernelId, PersistedServer.CounterField);
        if (reply.IsNil)
            return null;
        UnsealResult stored = server.Persistence().Sealer.Unseal(kernelId, PersistedServer.CounterField, reply.AsBytes());
        Assert.True(stored.Restored, stored.Reason);
        return Convert.ToInt64(stored.Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
