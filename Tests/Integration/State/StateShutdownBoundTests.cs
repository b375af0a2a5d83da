using System.Diagnostics;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;
using HeldBackend = Solara.Orleans.Tests.State.Resilience.GatedStateBackend;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>A host stop waits for the final flushes, but never longer than <c>SOLARA_STATE_SHUTDOWN_TIMEOUT</c>.</summary>
public sealed class StateShutdownBoundTests
{
    [Fact]
    public async Task A_backend_that_never_answers_cannot_hold_the_stop_past_the_shutdown_timeout()
    {
        var backend = new HeldBackend();
        TestServer server = await TestServer.StartAsync(PersistedServer.Settings(
            ("SOLARA_STATE_FLUSH_DEBOUNCE", "1h"), ("SOLARA_STATE_CONNECT_TIMEOUT", "1h"), ("SOLARA_STATE_SHUTDOWN_TIMEOUT", "300ms")), stateBackend: backend);
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        await client.ClickAsync(run.ButtonId);
        int callsBeforeStop = backend.CallsOn(client.KernelId);
        backend.Hold();

        var stopping = Stopwatch.StartNew();
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        stopping.Stop();
        int callsAfterStop = backend.CallsOn(client.KernelId);
        backend.Release();

        Assert.Equal(callsBeforeStop + 1, callsAfterStop); // the kernel's final flush was attempted (its session grain writes its own hash)
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"the stop took {stopping.Elapsed}");
        Assert.True(stopping.Elapsed >= TimeSpan.FromMilliseconds(250), $"the stop did not wait for the flush: {stopping.Elapsed}");
    }
}
