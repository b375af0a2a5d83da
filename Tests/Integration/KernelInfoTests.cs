using System.Globalization;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>Shell requests that are not about comms: kernel_info, comm_info, and types the kernel does not handle.</summary>
public sealed class KernelInfoTests
{
    [Fact]
    public async Task Kernel_info_request_is_answered_between_busy_and_idle_parented_to_the_request()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        var request = client.NewMessage("kernel_info_request");
        Exchange exchange = await client.RequestAsync(request);

        exchange.AssertBracketedByBusyAndIdle();
        Assert.Equal(3, exchange.Messages.Count);
        ReceivedMessage reply = exchange.Reply;
        Assert.Equal("kernel_info_reply", reply.MsgType);
        Assert.Equal("shell", reply.Channel);
        Assert.Equal("ok", (string?)reply.Content["status"]);
        Assert.Equal("5.3", (string?)reply.Content["protocol_version"]);
        Assert.False(string.IsNullOrEmpty((string?)reply.Content["implementation"]));
        Assert.False(string.IsNullOrEmpty((string?)reply.Content["implementation_version"]));
        Assert.IsType<JsonObject>(reply.Content["language_info"]);
        Assert.IsType<JsonArray>(reply.Content["help_links"]);
        Assert.NotNull((string?)reply.Content["banner"]);
        foreach (ReceivedMessage message in exchange.Messages)
            Assert.True(JsonNode.DeepEquals(request.Header, message.ParentHeader), $"{message} should carry the request's header as parent_header");
    }

    [Fact]
    public async Task Every_message_has_a_complete_header_with_a_utc_date_and_one_session_per_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        Exchange first = await client.KernelInfoAsync();
        Exchange second = await client.KernelInfoAsync();

        ReceivedMessage[] all = [.. first.Messages, .. second.Messages];
        foreach (ReceivedMessage m in all)
        {
            foreach (string field in new[] { "msg_id", "msg_type", "username", "session", "date", "version" })
                Assert.False(string.IsNullOrEmpty((string?)m.Header[field]), $"{m} header lacks {field}");
            Assert.Equal(m.MsgId, (string?)m.Json["msg_id"]);
            Assert.Equal(m.MsgType, (string?)m.Json["msg_type"]);
            string date = (string)m.Header["date"]!;
            Assert.EndsWith("Z", date);
            Assert.True(DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime parsed) && parsed.Kind == DateTimeKind.Utc, $"date '{date}' is not ISO-8601 UTC");
        }
        Assert.Single(all.Select(m => (string?)m.Header["session"]).Distinct());
        Assert.Equal(all.Length, all.Select(m => m.MsgId).Distinct().Count());
    }

    [Fact]
    public async Task Comm_info_request_lists_open_comms_filtered_by_target_name()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        (string widgetControl, _) = await client.OpenCommAsync("jupyter.widget.control");

        Exchange controls = await client.RequestAsync("comm_info_request", new JsonObject { ["target_name"] = "solara.control" });
        Exchange widgets = await client.RequestAsync("comm_info_request", new JsonObject { ["target_name"] = "jupyter.widget" });
        Exchange everything = await client.RequestAsync("comm_info_request");

        controls.AssertBracketedByBusyAndIdle();
        Assert.Equal("comm_info_reply", controls.Reply.MsgType);
        Assert.Equal("ok", (string?)controls.Reply.Content["status"]);
        JsonObject controlComms = controls.Reply.Content["comms"]!.AsObject();
        Assert.Equal([run.ControlCommId], controlComms.Select(c => c.Key));
        Assert.Equal("solara.control", (string?)controlComms[run.ControlCommId]!["target_name"]);

        JsonObject widgetComms = widgets.Reply.Content["comms"]!.AsObject();
        Assert.Equal(run.WidgetOpens.Select(w => w.CommId!).Order(), widgetComms.Select(c => c.Key).Order());
        Assert.All(widgetComms, c => Assert.Equal("jupyter.widget", (string?)c.Value!["target_name"]));

        JsonObject all = everything.Reply.Content["comms"]!.AsObject();
        Assert.Equal(widgetComms.Count + 2, all.Count);
        Assert.Equal("jupyter.widget.control", (string?)all[widgetControl]!["target_name"]);
    }

    [Fact]
    public async Task Unknown_message_type_gets_an_error_reply_and_the_kernel_keeps_answering()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        Exchange execute = await client.RequestAsync("execute_request", new JsonObject { ["code"] = "1 + 1", ["silent"] = false });

        execute.AssertBracketedByBusyAndIdle();
        Assert.Equal("execute_reply", execute.Reply.MsgType);
        Assert.Equal("shell", execute.Reply.Channel);
        Assert.Equal("error", (string?)execute.Reply.Content["status"]);
        Assert.Contains("execute_request", (string?)execute.Reply.Content["evalue"]);
        Assert.False(client.Closed.IsCompleted, "the kernel must not close the socket for an unknown message type");

        Exchange info = await client.KernelInfoAsync();
        Assert.Equal("ok", (string?)info.Reply.Content["status"]);
    }

    [Theory]
    [InlineData("execute_request", "shell", "execute_reply")]
    [InlineData("interrupt_request", "control", "interrupt_reply")]
    [InlineData("history_request", "shell", "history_reply")]
    public async Task Unsupported_request_is_answered_on_the_channel_it_came_in_on(string msgType, string channel, string replyType)
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        Exchange exchange = await client.RequestAsync(msgType, channel: channel);

        Assert.Equal(replyType, exchange.Reply.MsgType);
        Assert.Equal(channel, exchange.Reply.Channel);
        Assert.Equal("error", (string?)exchange.Reply.Content["status"]);
        Assert.Equal("UnsupportedMessageType", (string?)exchange.Reply.Content["ename"]);
    }

    [Fact]
    public async Task A_message_split_across_websocket_fragments_is_reassembled()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        var request = client.NewMessage("kernel_info_request");
        byte[] frame = Solara.Orleans.Abstractions.Protocol.FrameCodec.Encode(request, out _);

        await client.SendFragmentsAsync(frame.Chunk(frame.Length / 3 + 1).ToArray(), System.Net.WebSockets.WebSocketMessageType.Text);

        ReceivedMessage reply = await client.WaitForAsync(m => m.ParentMsgId == request.MsgId && m.MsgType == "kernel_info_reply", "kernel_info_reply to the fragmented request");
        Assert.Equal("5.3", (string?)reply.Content["protocol_version"]);
    }

    [Fact]
    public async Task A_client_offering_the_v1_subprotocol_gets_no_subprotocol_and_legacy_framing()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(
            server.WebSocketBaseUrl, RawKernelClient.NewId(), RawKernelClient.NewId(), RawKernelClient.NewId(), ["v1.kernel.websocket.jupyter.org"]);

        Exchange info = await client.KernelInfoAsync();

        Assert.True(string.IsNullOrEmpty(client.SubProtocol), $"the server selected '{client.SubProtocol}'");
        Assert.All(info.Messages, m => Assert.False(m.Binary));
        Assert.Equal("ok", (string?)info.Reply.Content["status"]);
    }
}
