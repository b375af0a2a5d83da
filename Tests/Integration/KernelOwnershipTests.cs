using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>A kernel belongs to the session (cookie) that created it and is never shared with another.</summary>
public sealed class KernelOwnershipTests
{
    [Fact]
    public async Task Connect_from_another_session_is_refused_with_1008_and_the_owner_keeps_its_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient owner = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await owner.RunAppAsync("counter");

        await using RawKernelClient intruder = await RawKernelClient.ConnectAsync(server, owner.KernelId, RawKernelClient.NewId(), RawKernelClient.NewId());
        CloseInfo refused = await intruder.WaitForCloseAsync();

        Assert.Equal(1008, refused.Code);
        Assert.Contains("session", refused.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(intruder.Received);
        Assert.Equal("Clicked: 1", (await owner.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
    }

    [Fact]
    public async Task Connect_without_a_cookie_to_a_kernel_owned_by_a_session_is_refused()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient owner = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await owner.KernelInfoAsync();

        await using RawKernelClient anonymous = await RawKernelClient.ConnectAsync(server, owner.KernelId, RawKernelClient.NewId(), sessionId: null);

        Assert.Equal(1008, (await anonymous.WaitForCloseAsync()).Code);
    }

    [Fact]
    public async Task Without_a_cookie_a_kernel_can_still_be_used_and_reconnected_to()
    {
        await using TestServer server = await TestServer.StartAsync();
        string kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        AppRun run;
        await using (RawKernelClient first = await RawKernelClient.ConnectAsync(server, kernel, page, sessionId: null))
        {
            run = await first.RunAppAsync("counter");
            await first.CloseAsync();
        }

        await using RawKernelClient again = await RawKernelClient.ConnectAsync(server, kernel, page, sessionId: null);

        Assert.Equal("Clicked: 1", (await again.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
    }
}
