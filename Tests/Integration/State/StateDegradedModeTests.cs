using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Grains.State.Resilience;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Degraded mode: a failing backend opens the breaker, pages keep working unpersisted,
/// <c>/resourcez</c> says so, and after recovery the dirty keys are written.</summary>
public sealed class StateDegradedModeTests
{
    private static async Task<JsonObject> StateBlockAsync(TestServer server)
    {
        using var http = new HttpClient();
        string body = await http.GetStringAsync($"{server.BaseUrl}/resourcez");
        return JsonNode.Parse(body)!["state"]!.AsObject();
    }

    [Fact]
    public async Task An_outage_opens_the_breaker_pages_keep_working_and_dirty_keys_flush_after_recovery()
    {
        var backend = new FailingStateBackend();
        await using TestServer server = await TestServer.StartAsync(PersistedServer.Settings(
            ("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"), ("SOLARA_STATE_BREAKER_FAILURES", "2"), ("SOLARA_STATE_BREAKER_WINDOW", "1s")), stateBackend: backend);
        // A persisted kernel, connected while the backend is healthy.
        await using RawKernelClient owner = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun ownerRun = await owner.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(owner.KernelId)!.State!;
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flushed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.FlushFailed += e => failed.TrySetResult(e);
        store.Flushed += n => flushed.TrySetResult(n);
        JsonObject healthy = await StateBlockAsync(server);

        // The outage: two failed takeovers open the breaker.
        backend.FailTakeover = backend.FailFlush = true;
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await first.AppStatusAsync();
        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await second.AppStatusAsync();
        // While open: a new page connects without a takeover and works unpersisted.
        await using RawKernelClient during = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        JsonObject duringStatus = await during.AppStatusAsync();
        AppRun duringRun = await during.RunAppAsync("counter");
        string duringClick = (await during.ClickAsync(duringRun.ButtonId)).UpdatedDescription(duringRun.ButtonId) ?? "";
        // The owner's click cannot be written: the flush is skipped at once and the key stays dirty.
        string ownerClick = (await owner.ClickAsync(ownerRun.ButtonId)).UpdatedDescription(ownerRun.ButtonId) ?? "";
        Exception skipped = await failed.Task.WaitAsync(RawKernelClient.DefaultTimeout);
        bool dirty = await server.Silo.Find(owner.KernelId)!.Mailbox.Call(() => store.DirtyKeys.Contains(PersistedServer.CounterKey));
        JsonObject degraded = await StateBlockAsync(server);

        // Recovery: after the window one probe succeeds, the breaker closes and the dirty key is written.
        backend.FailTakeover = backend.FailFlush = false;
        int written = await flushed.Task.WaitAsync(RawKernelClient.DefaultTimeout);
        JsonObject recovered = await StateBlockAsync(server);

        Assert.Equal("healthy", (string?)healthy["status"]);
        Assert.Equal("closed", (string?)healthy["circuit_breaker"]);
        Assert.Equal("Clicked: 1", duringClick);
        Assert.Equal("Clicked: 1", ownerClick);
        Assert.False((bool)duringStatus["canRecover"]!);
        Assert.Contains("circuit breaker is open", (string?)duringStatus["lastRestore"]!["cause"] ?? "", StringComparison.Ordinal);
        Assert.Null(server.Silo.Find(during.KernelId)!.State!.Generation);
        Assert.IsType<StateBackendUnavailableException>(skipped);
        Assert.True(dirty);
        Assert.Equal("degraded", (string?)degraded["status"]);
        Assert.Equal("open", (string?)degraded["circuit_breaker"]);
        Assert.Equal(1, (long)degraded["breaker_transitions"]!);
        Assert.NotNull((string?)degraded["backend_last_error"]);
        Assert.Single(server.Logs.Matching("breaker transition=open reason=failures-2 from=closed"));
        Assert.Equal(1, written);
        Assert.True(backend.Inner.ReadHash(owner.KernelId)!.ContainsKey(PersistedServer.CounterField));
        Assert.Equal("healthy", (string?)recovered["status"]);
        Assert.Equal("closed", (string?)recovered["circuit_breaker"]);
        Assert.Equal(3, (long)recovered["breaker_transitions"]!);
        Assert.Single(server.Logs.Matching("breaker transition=closed reason=probe-ok from=half_open"));
    }
}
