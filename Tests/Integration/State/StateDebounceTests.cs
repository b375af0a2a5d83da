using System.Diagnostics;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>The write-behind debounce coalesces: a burst of changes inside
/// <c>SOLARA_STATE_FLUSH_DEBOUNCE</c> becomes one flush holding the last value.</summary>
public sealed class StateDebounceTests
{
    private const int Clicks = 5;
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_burst_of_changes_inside_the_debounce_is_one_flush_of_the_last_value()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_FLUSH_DEBOUNCE", "3s"));
        string kernelId = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(kernelId)!.State!;
        var flushes = new List<int>();
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Flushed += n => { flushes.Add(n); flushed.TrySetResult(); };

        var burst = Stopwatch.StartNew();
        for (int i = 1; i <= Clicks; i++)
            Assert.Equal($"Clicked: {i}", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        burst.Stop();
        await flushed.Task.WaitAsync(Debounce + RawKernelClient.DefaultTimeout);
        (int[] flushesAfterFirst, bool dirty) = await server.Silo.Find(kernelId)!.Mailbox.Call(() => (flushes.ToArray(), store.DirtyKeys.Count > 0));
        UnsealResult stored = server.Persistence().Sealer.Unseal(kernelId, PersistedServer.CounterField, server.Backend().ReadHash(kernelId)![PersistedServer.CounterField]);

        Assert.True(burst.Elapsed < Debounce, $"the burst took {burst.Elapsed}, longer than the debounce: the machine is too slow for this test");
        Assert.Equal([1], flushesAfterFirst);
        Assert.False(dirty);
        Assert.Equal(1, server.Persistence().Stats.FlushOk);
        Assert.True(stored.Restored, stored.Reason);
        Assert.Equal(Clicks, Convert.ToInt32(stored.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(server.Logs.Matching($"flush result=ok kernel={kernelId}"));
    }
}
