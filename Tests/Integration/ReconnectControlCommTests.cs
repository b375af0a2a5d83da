using System.Text.Json.Nodes;
using Solara.Orleans.Gateway.Static;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>What a page relies on across reconnects: one control comm per page, the served
/// client version, and one activation for racing first connects.</summary>
public sealed class ReconnectControlCommTests
{
    [Fact]
    public async Task A_page_that_opens_a_new_control_comm_after_reconnecting_leaves_only_that_one_open()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        await first.RunAppAsync("counter");
        await using RawKernelClient popout = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        (string popoutControl, _) = await popout.OpenCommAsync("solara.control");
        await first.CloseAsync();

        await using RawKernelClient again = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        (string replacement, _) = await again.OpenCommAsync("solara.control");
        Exchange info = await again.RequestAsync("comm_info_request", new JsonObject { ["target_name"] = "solara.control" });

        JsonObject comms = (JsonObject)info.Reply.Content["comms"]!;
        Assert.Equal(new[] { popoutControl, replacement }.Order(), comms.Select(c => c.Key).Order());
    }

    [Fact]
    public async Task App_status_reports_the_client_bundle_the_server_serves()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        JsonObject status = await client.AppStatusAsync();

        Assert.Equal(ClientBundle.Version, (string?)status["clientVersion"]);
        Assert.False(string.IsNullOrEmpty(ClientBundle.Version));
    }

    [Fact]
    public async Task Racing_first_connects_to_one_kernel_id_at_the_limit_share_one_activation()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "1" });
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId();

        RawKernelClient[] pages = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session)));
        try
        {
            Exchange[] infos = await Task.WhenAll(pages.Select(p => p.KernelInfoAsync()));

            Assert.All(infos, i => Assert.Equal("ok", (string?)i.Reply.Content["status"]));
            Assert.Equal(1, server.Silo.Count);
        }
        finally
        {
            foreach (RawKernelClient page in pages)
                await page.DisposeAsync();
        }
    }
}
