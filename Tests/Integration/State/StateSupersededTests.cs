using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary>Fenced flush rejection: with no connected page the kernel closes as <c>superseded</c> at
/// once; with one it re-takes the state over once per connection epoch, and concedes on a second
/// rejection in the same epoch (<c>superseded_while_connected</c>).</summary>
public sealed class StateSupersededTests
{
    private static Task TakeOverElsewhereAsync(TestServer server, string kernelId, string session) =>
        server.Backend().TakeoverAsync(kernelId, new StateSigningKeys([PersistedServer.Secret]).SessionHmacs(session), server.Persistence().Options.EffectiveSchemaTag, TimeSpan.FromMinutes(5));

    private static JsonObject Counters(TestServer server) => server.Persistence().Stats.Report(verbose: false, redact: false, s => s);

    [Fact]
    public async Task A_stale_flush_with_a_connected_page_re_takes_over_once_then_concedes_on_the_second_rejection()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"));
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        AppRun run = await client.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(kernelId)!.State!;
        var flushed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Flushed += n => flushed.TrySetResult(n);
        await TakeOverElsewhereAsync(server, kernelId, session); // generation 1 -> 2

        await client.ClickAsync(run.ButtonId);

        // Rejected at generation 1, re-taken over at 3, and the re-flush landed.
        Assert.Equal(1, await flushed.Task.WaitAsync(RawKernelClient.DefaultTimeout));
        Assert.Equal(3L, await server.Backend().PeekGenerationAsync(kernelId));
        Assert.Equal(3L, store.Generation);
        Assert.True(server.Logs.Matching($"re-takeover result=ok kernel={kernelId} generation=3").Any());
        Assert.Equal(0, (long)Counters(server)["superseded_closes"]!);

        await TakeOverElsewhereAsync(server, kernelId, session); // 3 -> 4, same connection epoch
        await client.ClickAsync(run.ButtonId);

        Assert.Equal("superseded", await server.KernelClosed(kernelId).WaitAsync(RawKernelClient.DefaultTimeout));
        JsonObject counters = Counters(server);
        Assert.Equal(2, (long)counters["flush_rejected"]!);
        Assert.Equal(1, (long)counters["superseded_closes"]!);
        Assert.Equal(1, (long)counters["superseded_while_connected"]!);
        Assert.True(server.Logs.Matching($"superseded while connected kernel={kernelId}").Any());
        Assert.True(server.Logs.Matching($"close reason=superseded deleted=false kernel={kernelId}").Any());
        Assert.Equal(4L, await server.Backend().PeekGenerationAsync(kernelId));
    }

    [Fact]
    public async Task A_socket_attaching_starts_a_new_connection_epoch_that_may_re_take_over_again()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"));
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        AppRun run = await client.RunAppAsync("counter");
        KernelStateStore store = server.Silo.Find(kernelId)!.State!;
        var flushes = new[] { NewSignal(), NewSignal() };
        int count = 0;
        store.Flushed += _ => flushes[Math.Min(Interlocked.Increment(ref count), 2) - 1].TrySetResult();
        await TakeOverElsewhereAsync(server, kernelId, session); // 1 -> 2
        await client.ClickAsync(run.ButtonId);
        await flushes[0].Task.WaitAsync(RawKernelClient.DefaultTimeout); // re-taken over at 3

        // A second page attaches: a new epoch, so the next rejection re-takes over once more.
        await using RawKernelClient popout = await RawKernelClient.ConnectAsync(server, kernelId, RawKernelClient.NewId(), session);
        await popout.KernelInfoAsync();
        await TakeOverElsewhereAsync(server, kernelId, session); // 3 -> 4
        await client.ClickAsync(run.ButtonId);

        await flushes[1].Task.WaitAsync(RawKernelClient.DefaultTimeout); // re-taken over at 5
        Assert.Equal(5L, await server.Backend().PeekGenerationAsync(kernelId));
        Assert.Equal(2, server.Logs.Matching($"re-takeover result=ok kernel={kernelId}").Count());
        Assert.Equal(0, (long)Counters(server)["superseded_closes"]!);
        Assert.NotNull(server.Silo.Find(kernelId));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task A_stale_flush_with_no_connected_page_closes_as_superseded_at_once()
    {
        // The debounce outlasts the disconnect, so the flush runs with no page connected.
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_FLUSH_DEBOUNCE", "1s"));
        string kernelId = RawKernelClient.NewId(), session = RawKernelClient.NewId();
        RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernelId, sessionId: session);
        AppRun run = await client.RunAppAsync("counter");
        Assert.Equal("Clicked: 1", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        await TakeOverElsewhereAsync(server, kernelId, session);

        await client.DisposeAsync();

        Assert.Equal("superseded", await server.KernelClosed(kernelId).WaitAsync(RawKernelClient.DefaultTimeout));
        JsonObject counters = Counters(server);
        Assert.Equal(1, (long)counters["flush_rejected"]!);
        Assert.Equal(1, (long)counters["superseded_closes"]!);
        Assert.Equal(0, (long)counters["superseded_while_connected"]!);
        Assert.False(server.Logs.Matching("re-takeover").Any());
        Assert.Equal(2L, await server.Backend().PeekGenerationAsync(kernelId));
    }
}
