using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;
using static Solara.Orleans.Tests.Integration.State.Redis.RedisFaultServer;

namespace Solara.Orleans.Tests.Integration.State.Redis;

/// <summary>Redis faults against a real <c>redis-server</c> of the test's own: killed mid-session,
/// restarted, and out of memory under <c>noeviction</c>. Pages keep working throughout; the
/// breaker and <c>/resourcez</c> say what happened; after recovery the dirty keys are written.</summary>
public sealed class RedisFaultTests
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();

    [Fact]
    public async Task Redis_killed_mid_session_pages_keep_answering_and_the_breaker_opens_after_the_configured_failures()
    {
        const int failures = 3;
        await using KillableRedis redis = await KillableRedis.StartAsync();
        await using TestServer server = await StartAsync(redis, _prefix, failures, "1h");
        await using RawKernelClient owner = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun ownerRun = await owner.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(owner.KernelId)!.State!;
        Task<int> firstFlush = NextFlushAsync(store);
        await TimedClickAsync(owner, ownerRun);
        await firstFlush.WaitAsync(RawKernelClient.DefaultTimeout);

        await redis.KillAsync();
        // A page connecting now tries its takeover (failure 1) and still opens.
        var connecting = Stopwatch.StartNew();
        await using RawKernelClient during = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        JsonObject duringStatus = await during.AppStatusAsync();
        TimeSpan duringConnect = connecting.Elapsed;
        // The owner keeps clicking; its flushes fail (and are retried) until the breaker opens.
        var clicks = new List<(string Label, TimeSpan Took)>();
        for (int i = 0; i < 3; i++)
            clicks.Add(await TimedClickAsync(owner, ownerRun));
        JsonObject open = await WaitForStateAsync(server, s => (string?)s["circuit_breaker"] == "open", "the breaker to open");
        // While open: a new page skips the takeover at once, and clicks still answer.
        connecting.Restart();
        await using RawKernelClient whileOpen = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        JsonObject whileOpenStatus = await whileOpen.AppStatusAsync();
        TimeSpan whileOpenConnect = connecting.Elapsed;
        AppRun whileOpenRun = await whileOpen.RunAppAsync("counter");
        (string whileOpenClick, _) = await TimedClickAsync(whileOpen, whileOpenRun);
        clicks.Add(await TimedClickAsync(owner, ownerRun));
        bool dirty = await server.Silo.Find(owner.KernelId)!.Mailbox.Call(() => store.DirtyKeys.Contains(PersistedServer.CounterKey));
        // The failure that opened the breaker is counted when its outcome reaches the kernel's turn, just after the transition.
        JsonObject after = await WaitForStateAsync(server, s => (long)s["flush_failures"]! >= failures - 1, "the last failure to be counted");

        Assert.Equal(["Clicked: 2", "Clicked: 3", "Clicked: 4", "Clicked: 5"], clicks.Select(c => c.Label));
        Assert.All(clicks, c => Assert.True(c.Took < ConnectTimeout, $"a click took {c.Took} while Redis was down"));
        Assert.True(duringConnect < ConnectTimeout + TimeSpan.FromSeconds(1), $"connecting while Redis was down took {duringConnect}");
        Assert.Equal("error", (string?)duringStatus["lastRestore"]!["status"]);
        Assert.False((bool)duringStatus["canRecover"]!);
        Assert.True(whileOpenConnect < ConnectTimeout, $"connecting while the breaker was open took {whileOpenConnect}");
        Assert.Equal("skipped", (string?)whileOpenStatus["lastRestore"]!["status"]);
        Assert.Equal("Clicked: 1", whileOpenClick);
        Assert.True(dirty);
        // The breaker opened on exactly the configured number of consecutive failures (one takeover, then flushes),
        // and nothing reached the dead backend after that.
        Assert.True((long)open["flush_failures"]! <= failures - 1);
        Assert.Equal(failures - 1, (long)after["flush_failures"]!);
        Assert.Single(server.Logs.Matching($"breaker transition=open reason=failures-{failures} from=closed"));
        Assert.Equal("degraded", (string?)after["status"]);
        Assert.Equal(1, (long)after["breaker_transitions"]!);
        Assert.NotNull((string?)after["backend_last_error"]);
    }

    [Fact]
    public async Task Redis_restarted_dirty_keys_flush_after_the_half_open_probe_and_restore_works_again()
    {
        await using KillableRedis redis = await KillableRedis.StartAsync();
        await using TestServer server = await StartAsync(redis, _prefix, breakerFailures: 2, breakerWindow: "1s");
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        RawKernelClient owner = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        AppRun ownerRun = await owner.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(kernelId)!.State!;
        Task<int> firstFlush = NextFlushAsync(store);
        await TimedClickAsync(owner, ownerRun);
        await firstFlush.WaitAsync(RawKernelClient.DefaultTimeout);

        await redis.KillAsync();
        var labels = new List<string>();
        for (int i = 0; i < 2; i++)
            labels.Add((await TimedClickAsync(owner, ownerRun)).Label);
        await WaitForStateAsync(server, s => (string?)s["circuit_breaker"] is "open" or "half_open", "the breaker to open");
        bool dirtyWhileDown = await server.Silo.Find(kernelId)!.Mailbox.Call(() => store.DirtyKeys.Contains(PersistedServer.CounterKey));
        Task<int> recovered = NextFlushAsync(store);
        await redis.RestartAsync();
        int written = await recovered.WaitAsync(TimeSpan.FromSeconds(30));
        long? storedAfterProbe = await StoredClicksAsync(server, redis, _prefix, kernelId);
        JsonObject healthy = await WaitForStateAsync(server, s => (string?)s["circuit_breaker"] == "closed", "the breaker to close");

        // Restore works again: the kernel fails over and comes back with the value written after recovery.
        await using (owner)
            await PersistedServer.EvictAsync(server, owner, ownerRun);
        await using RawKernelClient back = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        JsonObject status = await back.AppStatusAsync();
        AppRun rerun = await back.RunAppAsync("counter");

        Assert.Equal(["Clicked: 2", "Clicked: 3"], labels);
        Assert.True(dirtyWhileDown);
        Assert.Equal(1, written);
        Assert.Equal(3, storedAfterProbe);
        Assert.Equal("healthy", (string?)healthy["status"]);
        Assert.Single(server.Logs.Matching("breaker transition=closed reason=probe-ok from=half_open"));
        Assert.Equal("success", (string?)status["lastRestore"]!["status"]);
        Assert.True((bool)status["canRecover"]!);
        Assert.Equal("Clicked: 3", PersistedServer.ButtonLabel(rerun));
    }

    [Fact]
    public async Task Maxmemory_under_noeviction_rejects_writes_counts_them_and_the_session_continues()
    {
        await using KillableRedis redis = await KillableRedis.StartAsync();
        await redis.CommandAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await using TestServer server = await StartAsync(redis, _prefix, breakerFailures: 5, breakerWindow: "1s");
        string kernelId = RawKernelClient.NewId();
        await using RawKernelClient owner = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: RawKernelClient.NewId());
        AppRun ownerRun = await owner.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(kernelId)!.State!;
        Task<int> firstFlush = NextFlushAsync(store);
        await TimedClickAsync(owner, ownerRun);
        await firstFlush.WaitAsync(RawKernelClient.DefaultTimeout);
        JsonObject before = await StateBlockAsync(server);

        // Full: every write is refused with an OOM error, reads still work.
        await redis.CommandAsync("CONFIG", "SET", "maxmemory", "1");
        Task<Exception> rejected = NextFlushFailureAsync(store);
        (string fullClick, TimeSpan fullClickTook) = await TimedClickAsync(owner, ownerRun);
        Exception error = await rejected.WaitAsync(RawKernelClient.DefaultTimeout);
        JsonObject full = await StateBlockAsync(server);
        long? storedWhileFull = await StoredClicksAsync(server, redis, _prefix, kernelId);
        // A new page cannot take its state over (a write), but works unpersisted.
        await using RawKernelClient newcomer = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        JsonObject newcomerStatus = await newcomer.AppStatusAsync();
        AppRun newcomerRun = await newcomer.RunAppAsync("counter");
        (string newcomerClick, _) = await TimedClickAsync(newcomer, newcomerRun);

        // Memory freed: the dirty key is written on a later flush.
        Task<int> recovered = NextFlushAsync(store);
        await redis.CommandAsync("CONFIG", "SET", "maxmemory", "0");
        await recovered.WaitAsync(TimeSpan.FromSeconds(30));
        long? storedAfter = await StoredClicksAsync(server, redis, _prefix, kernelId);

        Assert.Equal(0, (long)before["flush_failures"]!);
        Assert.Equal("Clicked: 2", fullClick);
        Assert.True(fullClickTook < ConnectTimeout, $"the click took {fullClickTook} with Redis full");
        Assert.Contains("OOM", error.Message, StringComparison.Ordinal);
        Assert.True((long)full["flush_failures"]! >= 1);
        Assert.Contains("OOM", (string?)full["backend_last_error"] ?? "", StringComparison.Ordinal);
        Assert.True(server.Logs.Matching($"flush result=error kernel={kernelId}").Any());
        Assert.Equal(1, storedWhileFull);
        Assert.Equal("error", (string?)newcomerStatus["lastRestore"]!["status"]);
        Assert.Contains("OOM", (string?)newcomerStatus["lastRestore"]!["cause"] ?? "", StringComparison.Ordinal);
        Assert.Equal("Clicked: 1", newcomerClick);
        Assert.Equal(2, storedAfter);
    }
}
