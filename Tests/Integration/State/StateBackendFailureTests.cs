using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Backend errors never crash a kernel, and changed keys stay dirty until acknowledged.</summary>
public sealed class StateBackendFailureTests
{
    [Fact]
    public async Task A_failing_takeover_starts_the_kernel_fresh_and_it_cannot_recover()
    {
        var backend = new FailingStateBackend { FailTakeover = true };
        await using TestServer server = await TestServer.StartAsync(PersistedServer.Settings(), stateBackend: backend);
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        JsonObject status = await client.AppStatusAsync();
        AppRun run = await client.RunAppAsync("counter");

        Assert.False((bool)status["canRecover"]!);
        Assert.Equal("error", (string?)status["lastRestore"]!["status"]);
        Assert.Equal("Clicked: 1", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        Assert.Null(server.Silo.Find(client.KernelId)!.State!.Generation);
        Assert.True(server.Logs.Matching($"restore result=error kernel={client.KernelId}").Any());
    }

    [Fact]
    public async Task Failed_flushes_keep_the_key_dirty_and_a_later_flush_writes_it()
    {
        var backend = new FailingStateBackend();
        await using TestServer server = await TestServer.StartAsync(PersistedServer.Settings(("SOLARA_STATE_FLUSH_DEBOUNCE", "0s")), stateBackend: backend);
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(client.KernelId)!.State!;
        var flushed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Flushed += n => flushed.TrySetResult(n);
        store.FlushFailed += e => failed.TrySetResult(e);
        backend.FailFlush = true;

        Assert.Equal("Clicked: 1", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        Assert.IsType<IOException>(await failed.Task.WaitAsync(RawKernelClient.DefaultTimeout));
        JsonObject during = server.Persistence().Stats.Report(false, false, s => s);
        bool dirtyDuringOutage = await server.Silo.Find(client.KernelId)!.Mailbox.Call(() => store.DirtyKeys.Contains(PersistedServer.CounterKey));
        backend.FailFlush = false;

        Assert.Equal(1, await flushed.Task.WaitAsync(RawKernelClient.DefaultTimeout));
        Assert.True(dirtyDuringOutage);
        Assert.True((long)during["flush_failures"]! >= 1);
        Assert.True(server.Logs.Matching($"flush result=error kernel={client.KernelId}").Any());
        Assert.NotNull((string?)during["backend_last_error"]);
        Assert.Equal("Clicked: 2", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        Assert.True(backend.Inner.ReadHash(client.KernelId)!.ContainsKey(PersistedServer.CounterField));
    }
}
