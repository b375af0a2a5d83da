using Solara.Orleans.Grains.Sessions;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Sessions;

/// <summary>Session-wide values in the embedded server: one <c>SessionReactive</c> value shared by every
/// kernel (page) of a session, pushed to the others on their own turn, and kept in the session grain's storage.</summary>
public sealed class SessionReactiveTests
{
    [Fact]
    public async Task Two_kernels_of_one_session_see_each_others_change_and_another_session_does_not()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId();
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await using RawKernelClient stranger = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun firstRun = await SessionCounterClient.RunAsync(first);
        AppRun secondRun = await SessionCounterClient.RunAsync(second);
        AppRun strangerRun = await SessionCounterClient.RunAsync(stranger);

        Assert.Equal(SessionCounterClient.Label(1), (await first.ClickAsync(firstRun.ButtonId)).UpdatedDescription(firstRun.ButtonId));
        await SessionCounterClient.PushedAsync(second, secondRun, 1);
        Assert.Equal(SessionCounterClient.Label(2), (await second.ClickAsync(secondRun.ButtonId)).UpdatedDescription(secondRun.ButtonId));
        await SessionCounterClient.PushedAsync(first, firstRun, 2);

        Assert.Equal(SessionCounterClient.Label(1), (await stranger.ClickAsync(strangerRun.ButtonId)).UpdatedDescription(strangerRun.ButtonId));
        await using RawKernelClient third = await RawKernelClient.ConnectAsync(server, sessionId: session);
        Assert.Equal(SessionCounterClient.Label(2), SessionCounterClient.LabelOf(await SessionCounterClient.RunAsync(third)));
    }

    [Fact]
    public async Task With_a_state_backend_the_session_value_outlives_every_kernel_of_the_session_under_the_hashed_grain_id()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        string session = RawKernelClient.NewId();
        RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: session);
        AppRun run = await SessionCounterClient.RunAsync(first);
        await first.ClickAsync(run.ButtonId);
        Assert.Equal(SessionCounterClient.Label(2), (await first.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));

        await PersistedServer.EvictAsync(server, first, run);
        await first.DisposeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(server.Silo.Sessions.Count == 0), TimeSpan.FromSeconds(10), "the session grain deactivated with its last kernel");
        IReadOnlyDictionary<string, byte[]>? stored = server.Backend().ReadHash(SessionGrainId.For(session));
        Assert.NotNull(stored);
        Assert.True(stored.ContainsKey("reactive:" + SessionCounterClient.Key));
        Assert.StartsWith("session/", SessionGrainId.For(session), StringComparison.Ordinal);
        Assert.DoesNotContain(session, SessionGrainId.For(session), StringComparison.Ordinal);

        await using RawKernelClient later = await RawKernelClient.ConnectAsync(server, sessionId: session);
        Assert.Equal(SessionCounterClient.Label(2), SessionCounterClient.LabelOf(await SessionCounterClient.RunAsync(later)));
    }

    [Fact]
    public async Task A_closed_kernel_is_counted_out_of_the_session_limit()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_KERNEL_MAX_PER_SESSION", "1"));
        string session = RawKernelClient.NewId();
        RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: session);
        AppRun run = await SessionCounterClient.RunAsync(first);
        await using (RawKernelClient refused = await RawKernelClient.ConnectAsync(server, sessionId: session))
            Assert.Equal(1008, (await refused.WaitForCloseAsync()).Code);

        await PersistedServer.EvictAsync(server, first, run);
        await first.DisposeAsync();

        await using RawKernelClient next = await RawKernelClient.ConnectAsync(server, sessionId: session);
        Assert.Equal("ok", (string?)(await next.KernelInfoAsync()).Reply.Content["status"]);
    }
}
