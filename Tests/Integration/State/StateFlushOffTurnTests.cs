using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>A flush encodes and writes off the kernel's turn: the kernel keeps answering while a
/// write is in flight, and a key changed during the write stays dirty and is written again.</summary>
public sealed class StateFlushOffTurnTests
{
    [Fact]
    public async Task The_kernel_answers_while_a_flush_is_in_flight_and_a_value_changed_meanwhile_stays_dirty()
    {
        // A long connect timeout: the held write must not time out while the test acts.
        var backend = new GatedStateBackend();
        await using TestServer server = await TestServer.StartAsync(
            PersistedServer.Settings(("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"), ("SOLARA_STATE_CONNECT_TIMEOUT", "30s")), stateBackend: backend);
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        KernelGrain kernel = server.Silo.Find(client.KernelId)!;
        KernelStateStore store = kernel.State!;
        var flushes = new List<int>();
        var twoFlushes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Flushed += n =>
        {
            flushes.Add(n);
            if (flushes.Count == 2)
                twoFlushes.TrySetResult();
        };
        backend.Hold = true;

        Assert.Equal("Clicked: 1", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        await backend.FlushArrived.Task.WaitAsync(RawKernelClient.DefaultTimeout);
        // The write of 1 is held in the backend, yet the kernel takes the next click on its turn.
        Assert.Equal("Clicked: 2", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        bool dirtyWhileInFlight = await kernel.Mailbox.Call(() => store.DirtyKeys.Contains(PersistedServer.CounterKey));
        backend.Hold = false;
        backend.Open();

        await twoFlushes.Task.WaitAsync(RawKernelClient.DefaultTimeout);
        Assert.True(dirtyWhileInFlight);
        Assert.Empty(await kernel.Mailbox.Call(() => store.DirtyKeys.ToArray()));
        byte[] stored = backend.Inner.ReadHash(client.KernelId)![PersistedServer.CounterField];
        UnsealResult value = server.Persistence().Sealer.Unseal(client.KernelId, PersistedServer.CounterField, stored);
        Assert.True(value.Restored);
        Assert.Equal(2, Convert.ToInt32(value.Value));
    }
}
