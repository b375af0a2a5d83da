using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration.State;

/// <summary><c>SOLARA_KERNEL_MAX_PER_SESSION</c>: with a state backend, a connect that would create a
/// session's N+1th live kernel is refused with 1008 and a reason; other sessions and reconnects are not.</summary>
public sealed class KernelsPerSessionTests
{
    [Fact]
    public async Task A_sessions_kernel_beyond_the_limit_is_refused_with_1008_while_other_sessions_and_reconnects_pass()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_KERNEL_MAX_PER_SESSION", "2"));
        string session = RawKernelClient.NewId(), firstKernel = RawKernelClient.NewId();
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, firstKernel, sessionId: session);
        await first.KernelInfoAsync();
        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await second.KernelInfoAsync();

        await using RawKernelClient third = await RawKernelClient.ConnectAsync(server, sessionId: session);
        CloseInfo refused = await third.WaitForCloseAsync();

        Assert.Equal(1008, refused.Code);
        Assert.Contains("SOLARA_KERNEL_MAX_PER_SESSION=2", refused.Description, StringComparison.Ordinal);
        Assert.Null(server.Silo.Find(third.KernelId));
        await using RawKernelClient otherSession = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Assert.Equal("ok", (string?)(await otherSession.KernelInfoAsync()).Reply.Content["status"]);
        await using RawKernelClient popout = await RawKernelClient.ConnectAsync(server, firstKernel, RawKernelClient.NewId(), session);
        Assert.Equal("ok", (string?)(await popout.KernelInfoAsync()).Reply.Content["status"]);
    }

    [Fact]
    public async Task Without_a_state_backend_the_per_session_limit_is_not_enforced()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNEL_MAX_PER_SESSION"] = "1" });
        string session = RawKernelClient.NewId();
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await first.KernelInfoAsync();

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, sessionId: session);

        Assert.Equal("ok", (string?)(await second.KernelInfoAsync()).Reply.Content["status"]);
    }
}
