using System.Net;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>Kernel lifecycle: shutdown, reconnect and resume, cull, and the page-close beacon.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Shutdown_request_reports_dead_and_closes_the_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await client.RunAppAsync("counter");

        string msgId = await client.SendAsync("shutdown_request", new JsonObject { ["restart"] = false }, channel: "control");

        ReceivedMessage dead = await client.WaitForAsync(m => m.ParentMsgId == msgId && m.IsStatus("dead"), "status dead");
        Assert.Equal("iopub", dead.Channel);
        ReceivedMessage reply = await client.WaitForAsync(m => m.ParentMsgId == msgId && m.MsgType == "shutdown_reply", "shutdown_reply");
        Assert.Equal("control", reply.Channel);
        Assert.Equal("ok", (string?)reply.Content["status"]);
        Assert.Equal("shutdown-request", await server.KernelClosed(client.KernelId).WaitAsync(CloseDeadline));
        CloseInfo closed = await client.WaitForCloseAsync();
        Assert.Equal(1000, closed.Code);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{server.BaseUrl}/jupyter/api/kernels/{client.KernelId}")).StatusCode);
    }

    [Fact]
    public async Task Reconnecting_with_the_same_kernel_id_resumes_the_kernel_with_its_widget_state()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        AppRun run;
        string kernelSession;
        await using (RawKernelClient before = await RawKernelClient.ConnectAsync(server, kernel, page, session))
        {
            run = await before.RunAppAsync("counter");
            kernelSession = (string)(await before.ClickAsync(run.ButtonId)).Messages[0].Header["session"]!;
            Assert.Equal(1, server.DropAllSockets());
            Assert.Null((await before.WaitForCloseAsync()).Status);
        }

        await using RawKernelClient after = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        JsonObject status = await after.AppStatusAsync(run.ControlCommId);
        (string widgetControl, _) = await after.OpenCommAsync("jupyter.widget.control");
        Exchange states = await after.CommMsgAsync(widgetControl, new JsonObject { ["method"] = "request_states" });
        Exchange click = await after.ClickAsync(run.ButtonId);

        Assert.True((bool)status["started"]!);
        Assert.Equal(run.ContainerId, (string?)status["containerId"]);
        Assert.False((bool)status["canRecover"]!);
        JsonObject all = Assert.Single(states.CommMessages(widgetControl)).Data["states"]!.AsObject();
        Assert.Equal(run.WidgetOpens.Select(o => o.CommId!).Order(), all.Select(s => s.Key).Order());
        Assert.Equal("Clicked: 1", (string?)all[run.ButtonId]!["state"]!["description"]);
        Assert.Equal("Clicked: 2", click.UpdatedDescription(run.ButtonId));
        Assert.Equal(kernelSession, (string?)click.Messages[0].Header["session"]);
        Assert.False(server.KernelClosed(kernel).IsCompleted);
    }

    [Fact]
    public async Task Kernel_without_a_connected_page_is_culled_and_a_later_connect_starts_fresh()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNEL_CULL_TIMEOUT"] = "300ms" });
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        string oldKernelSession;
        await using (RawKernelClient before = await RawKernelClient.ConnectAsync(server, kernel, page, session))
        {
            oldKernelSession = (string)(await before.RunAppAsync("counter")).Exchange.Messages[0].Header["session"]!;
            await before.CloseAsync();
        }

        Assert.Equal("cull", await server.KernelClosed(kernel).WaitAsync(CloseDeadline));

        await using RawKernelClient after = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        Exchange info = await after.KernelInfoAsync();
        Assert.NotEqual(oldKernelSession, (string?)info.Reply.Header["session"]);
        JsonObject status = await after.AppStatusAsync();
        Assert.False((bool)status["started"]!);
        Assert.Null(status["containerId"]);
        Assert.False((bool)status["canRecover"]!);
        Assert.Contains(server.Logs.Lines, l => l.Message.Contains($"kernel closed id={kernel} reason=cull", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconnecting_before_the_cull_timeout_cancels_the_cull()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNEL_CULL_TIMEOUT"] = "2s" });
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        await using (RawKernelClient dropped = await RawKernelClient.ConnectAsync(server, kernel, page, session))
        {
            await dropped.RunAppAsync("counter");
            await dropped.CloseAsync();
        }
        await using RawKernelClient resumed = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        await resumed.KernelInfoAsync();

        // A second kernel disconnected after the first one reconnected: its cull is due later than
        // the first kernel's would have been, so once it has fired the first one's would have too.
        string clock = RawKernelClient.NewId();
        await using (RawKernelClient other = await RawKernelClient.ConnectAsync(server, clock, RawKernelClient.NewId(), session))
        {
            await other.KernelInfoAsync();
            await other.CloseAsync();
        }
        Assert.Equal("cull", await server.KernelClosed(clock).WaitAsync(CloseDeadline));

        Assert.True((bool)(await resumed.AppStatusAsync())["started"]!);
        Assert.False(server.KernelClosed(kernel).IsCompleted, "the reconnected kernel was culled");
        Assert.False(resumed.Closed.IsCompleted);
    }

    [Fact]
    public async Task Close_beacon_answers_200_with_an_empty_body_and_closes_the_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await client.RunAppAsync("counter");

        using HttpResponseMessage response = await Beacon(server, client.KernelId, client.PageId, session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("page-close", await server.KernelClosed(client.KernelId).WaitAsync(CloseDeadline));
        CloseInfo closed = await client.WaitForCloseAsync();
        Assert.Equal(1000, closed.Code);
        Assert.Contains("page-close", closed.Description);
    }

    [Fact]
    public async Task Close_beacon_after_the_socket_dropped_closes_the_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        await using (RawKernelClient client = await RawKernelClient.ConnectAsync(server, kernel, page, session))
        {
            await client.RunAppAsync("counter");
            await client.CloseAsync();
        }

        using HttpResponseMessage response = await Beacon(server, kernel, page, session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("page-close", await server.KernelClosed(kernel).WaitAsync(CloseDeadline));
    }

    [Fact]
    public async Task Close_beacon_of_one_page_keeps_the_kernel_while_another_page_is_connected()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId();
        await using RawKernelClient closing = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        await using RawKernelClient staying = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        AppRun run = await staying.RunAppAsync("counter");
        await closing.CloseAsync();

        using HttpResponseMessage response = await Beacon(server, kernel, closing.PageId, session);
        Exchange click = await staying.ClickAsync(run.ButtonId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Clicked: 1", click.UpdatedDescription(run.ButtonId));
        Assert.False(server.KernelClosed(kernel).IsCompleted);
    }

    [Fact]
    public async Task Close_beacon_from_another_session_or_for_an_unknown_kernel_changes_nothing_and_still_answers_200()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await client.KernelInfoAsync();

        using HttpResponseMessage foreign = await Beacon(server, client.KernelId, client.PageId, RawKernelClient.NewId());
        using HttpResponseMessage unknown = await Beacon(server, RawKernelClient.NewId(), RawKernelClient.NewId(), session);
        Exchange info = await client.KernelInfoAsync();

        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Empty(await foreign.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Empty(await unknown.Content.ReadAsByteArrayAsync());
        Assert.Equal("ok", (string?)info.Reply.Content["status"]);
        Assert.False(server.KernelClosed(client.KernelId).IsCompleted);
    }

    [Fact]
    public async Task Close_beacon_without_a_page_id_changes_nothing_and_still_answers_200()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await client.KernelInfoAsync();
        await client.CloseAsync();

        using HttpResponseMessage response = await Beacon(server, client.KernelId, "", session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await using RawKernelClient again = await RawKernelClient.ConnectAsync(server, client.KernelId, client.PageId, session);
        await again.KernelInfoAsync();
        Assert.False(server.KernelClosed(client.KernelId).IsCompleted);
    }

    /// <summary>What <c>navigator.sendBeacon</c> sends on unload: an empty POST with the session cookie.</summary>
    private static async Task<HttpResponseMessage> Beacon(TestServer server, string kernelId, string pageId, string sessionId)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/_solara/api/close/{kernelId}?session_id={pageId}")
        {
            Content = new ByteArrayContent([]),
        };
        request.Headers.Add("Cookie", $"solara-session-id={sessionId}");
        return await http.SendAsync(request);
    }
}
