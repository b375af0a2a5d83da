using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Silo;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Only <c>page-close</c> deletes persisted state; a cull or a server shutdown flushes and keeps it.</summary>
public sealed class StateCloseReasonTests
{
    [Fact]
    public async Task Cull_flushes_the_last_change_and_keeps_the_state()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_KERNEL_CULL_TIMEOUT", "1s"), ("SOLARA_STATE_FLUSH_DEBOUNCE", "1h"));
        string kernelId = RawKernelClient.NewId();
        (RawKernelClient client, _) = await PersistedServer.CounterAsync(server, kernelId, RawKernelClient.NewId(), clicks: 2);
        await using (client)
        {
            server.DropAllSockets();
            Assert.Equal(KernelCloseReason.Cull, await server.KernelClosed(kernelId).WaitAsync(RawKernelClient.DefaultTimeout));
        }

        Assert.True(server.Backend().ReadHash(kernelId)!.ContainsKey(PersistedServer.CounterField));
        Assert.True(server.Logs.Matching($"close reason=cull deleted=false kernel={kernelId}").Any());
    }

    [Fact]
    public async Task Server_shutdown_flushes_and_a_new_server_in_the_process_restores()
    {
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        TestServer before = await PersistedServer.StartAsync(("SOLARA_STATE_FLUSH_DEBOUNCE", "1h"));
        (RawKernelClient client, _) = await PersistedServer.CounterAsync(before, kernelId, session, clicks: 3);
        await using (client)
            await before.DisposeAsync(); // a graceful stop: every kernel closes with server-shutdown
        Assert.Equal(KernelCloseReason.ServerShutdown, await before.KernelClosed(kernelId).WaitAsync(RawKernelClient.DefaultTimeout));
        Assert.True(EmbeddedHost.ProcessMemoryBackend.ReadHash(kernelId)!.ContainsKey(PersistedServer.CounterField));

        await using TestServer after = await PersistedServer.StartAsync();
        await using RawKernelClient again = await RawKernelClient.ConnectAsync(after, kernelId, sessionId: session);
        Assert.Equal("Clicked: 3", PersistedServer.ButtonLabel(await again.RunAppAsync("counter")));
    }

    [Fact]
    public async Task Values_over_the_warning_size_are_logged_and_still_persisted()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_WARN_VALUE_BYTES", "10"));
        string kernelId = RawKernelClient.NewId();
        (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(server, kernelId, RawKernelClient.NewId(), clicks: 1);
        await using (client)
            await PersistedServer.EvictAsync(server, client, run);

        Assert.True(server.Logs.Matching($"large value key={PersistedServer.CounterKey} kernel={kernelId}").Any());
        Assert.True(server.Backend().ReadHash(kernelId)!.ContainsKey(PersistedServer.CounterField));
        Assert.Equal(0, server.Persistence().Stats.SyncOversizeDropped);
    }
}
