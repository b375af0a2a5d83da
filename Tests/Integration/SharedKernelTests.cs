using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>Several pages of one session on one kernel (popouts): every kernel message reaches every socket.</summary>
public sealed class SharedKernelTests
{
    [Fact]
    public async Task Every_message_the_kernel_sends_goes_to_every_attached_socket()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId();
        await using RawKernelClient main = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        await using RawKernelClient popout = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        await popout.KernelInfoAsync();

        AppRun run = await main.RunAppAsync("counter");
        Exchange click = await main.ClickAsync(run.ButtonId);
        Exchange popoutClick = await popout.ClickAsync(run.ButtonId);

        foreach (Exchange exchange in new[] { run.Exchange, click })
        {
            await popout.WaitForAsync(m => m.ParentMsgId == exchange.MsgId && m.IsStatus("idle"), "idle on the popout");
            IReadOnlyList<ReceivedMessage> seen = popout.Received.Where(m => m.ParentMsgId == exchange.MsgId).ToArray();
            Assert.Equal(exchange.Messages.Select(m => m.MsgId), seen.Select(m => m.MsgId));
        }
        Assert.Equal("Clicked: 1", click.UpdatedDescription(run.ButtonId));
        Assert.Equal("Clicked: 2", popoutClick.UpdatedDescription(run.ButtonId));
        await main.WaitForAsync(m => m.ParentMsgId == popoutClick.MsgId && m.IsStatus("idle"), "the popout's click on the main page");
        Assert.Equal(popoutClick.Messages.Select(m => m.MsgId), main.Received.Where(m => m.ParentMsgId == popoutClick.MsgId).Select(m => m.MsgId));
    }

    [Fact]
    public async Task Replies_to_one_page_also_reach_the_other_page_of_the_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId();
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        await second.KernelInfoAsync();

        Exchange info = await first.RequestAsync("comm_info_request", new JsonObject());

        ReceivedMessage reply = await second.WaitForAsync(m => m.ParentMsgId == info.MsgId && m.MsgType == "comm_info_reply", "the comm_info_reply on the second page");
        Assert.Equal(info.Reply.MsgId, reply.MsgId);
    }

    [Fact]
    public async Task Pages_connecting_at_once_to_a_new_kernel_id_all_share_one_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId();

        RawKernelClient[] pages = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session)));
        try
        {
            Exchange[] infos = await Task.WhenAll(pages.Select(p => p.KernelInfoAsync()));

            Assert.Single(infos.Select(i => (string?)i.Reply.Header["session"]).Distinct());
            Assert.Equal(1, server.Silo.Count);
            Assert.Equal(6, server.Silo.Find(kernel)!.SocketCount);
        }
        finally
        {
            foreach (RawKernelClient page in pages)
                await page.DisposeAsync();
        }
    }
}
