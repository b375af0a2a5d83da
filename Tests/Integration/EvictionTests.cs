using System.Net;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>Eviction is a dev/test tool of the state backend; without it both ways in are refused
/// (the enabled paths are in <c>State/StateFlushTests</c> and <c>State/StateRestoreTests</c>).</summary>
public sealed class EvictionTests
{
    [Fact]
    public async Task Evict_route_is_404_when_eviction_is_disabled_and_the_kernel_lives_on()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await client.KernelInfoAsync();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/_solara/api/evict/{client.KernelId}");
        request.Headers.Add("Cookie", $"solara-session-id={session}");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ok", (string?)(await client.KernelInfoAsync()).Reply.Content["status"]);
        Assert.False(server.KernelClosed(client.KernelId).IsCompleted);
    }

    [Fact]
    public async Task Evict_over_solara_control_is_refused_with_a_reason_when_disabled()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");

        Exchange exchange = await client.CommMsgAsync(run.ControlCommId, new JsonObject { ["method"] = "evict" });

        ReceivedMessage reply = Assert.Single(exchange.CommMessages(run.ControlCommId));
        Assert.Equal("evict", reply.Method);
        Assert.Equal("refused", (string?)reply.Data["status"]);
        Assert.Contains("SOLARA_STATE_TEST_EVICTION", (string?)reply.Data["reason"]);
        Assert.Equal("Clicked: 1", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
    }
}
