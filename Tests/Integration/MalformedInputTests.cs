using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>Bad input gets a clear error (a close reason or an error message) and never takes the
/// kernel, or anyone else's kernel, down with it.</summary>
public sealed class MalformedInputTests
{
    private const int MaxFrameBytes = 4096;

    [Theory]
    [InlineData("text frame that is not JSON", 1007, "not valid JSON")]
    [InlineData("JSON array instead of a message", 1007, "not an object")]
    [InlineData("JSON object without a header", 1007, "header")]
    [InlineData("header without msg_type", 1007, "msg_type")]
    [InlineData("content that is not an object", 1007, "content")]
    [InlineData("binary frame with inconsistent offsets", 1007, "offset")]
    [InlineData("binary frame shorter than its offset table", 1007, "too short")]
    [InlineData("frame over SOLARA_MAX_FRAME_BYTES", 1009, "SOLARA_MAX_FRAME_BYTES")]
    [InlineData("fragmented message over SOLARA_MAX_FRAME_BYTES", 1009, "SOLARA_MAX_FRAME_BYTES")]
    public async Task Bad_frame_closes_only_that_socket_with_a_reason_and_the_kernels_live_on(string frame, int code, string reason)
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_MAX_FRAME_BYTES"] = $"{MaxFrameBytes}" });
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        await using RawKernelClient bystander = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await bystander.KernelInfoAsync();
        AppRun run;
        await using (RawKernelClient victim = await RawKernelClient.ConnectAsync(server, kernel, page, session))
        {
            run = await victim.RunAppAsync("counter");
            await victim.ClickAsync(run.ButtonId);

            (byte[] bytes, bool binary) = Build(frame);
            if (frame.StartsWith("fragmented", StringComparison.Ordinal))
                await victim.SendFragmentsAsync(bytes.Chunk(MaxFrameBytes / 4).ToArray(), WebSocketMessageType.Text);
            else
                await victim.SendRawAsync(bytes, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text);
            CloseInfo closed = await victim.WaitForCloseAsync();

            Assert.True(closed.Code == code, $"expected close code {code}, got {closed}");
            Assert.Contains(reason, closed.Description, StringComparison.OrdinalIgnoreCase);
        }

        await using RawKernelClient reconnected = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        JsonObject status = await reconnected.AppStatusAsync();
        Exchange click = await reconnected.ClickAsync(run.ButtonId);

        Assert.True((bool)status["started"]!);
        Assert.Equal(run.ContainerId, (string?)status["containerId"]);
        Assert.Equal("Clicked: 2", click.UpdatedDescription(run.ButtonId));
        Assert.Equal("ok", (string?)(await bystander.KernelInfoAsync()).Reply.Content["status"]);
        Assert.False(server.KernelClosed(kernel).IsCompleted);
    }

    [Fact]
    public async Task Text_frame_that_is_not_utf8_ends_only_that_socket_and_the_kernel_lives_on()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        AppRun run;
        await using (RawKernelClient victim = await RawKernelClient.ConnectAsync(server, kernel, page, session))
        {
            run = await victim.RunAppAsync("counter");

            await victim.SendRawAsync([.. "{\"header\": \""u8, 0xff, 0xfe, .. "\"}"u8], WebSocketMessageType.Text);
            CloseInfo closed = await victim.WaitForCloseAsync();

            // The WebSocket runtime itself rejects the frame: it sends 1007 and then aborts the
            // connection, so the close frame can be lost to the reset. Either way only this socket ends.
            Assert.True(closed.Code is 1007 or null, $"expected 1007 or a drop, got {closed}");
        }

        await using RawKernelClient reconnected = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        Assert.Equal("Clicked: 1", (await reconnected.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        Assert.False(server.KernelClosed(kernel).IsCompleted);
    }

    [Fact]
    public async Task Frames_sent_after_a_malformed_frame_on_the_same_socket_are_not_handled()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        AppRun run;
        await using (RawKernelClient victim = await RawKernelClient.ConnectAsync(server, kernel, page, session))
        {
            run = await victim.RunAppAsync("counter");

            // Sent back to back, before the server's close can arrive: the click must not count.
            await victim.SendRawAsync("not JSON"u8.ToArray(), WebSocketMessageType.Text);
            string click = await victim.SendAsync("comm_msg", new JsonObject
            {
                ["comm_id"] = run.ButtonId,
                ["data"] = new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "click" } },
            });
            Assert.Equal(1007, (await victim.WaitForCloseAsync()).Code);
            Assert.DoesNotContain(victim.Received, m => m.ParentMsgId == click);
        }

        await using RawKernelClient reconnected = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        Assert.Equal("Clicked: 1", (await reconnected.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
    }

    [Fact]
    public async Task Comm_msg_for_an_unknown_comm_gets_an_iopub_error_and_a_comm_close()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        Exchange exchange = await client.CommMsgAsync("no-such-comm", new JsonObject { ["method"] = "update", ["state"] = new JsonObject() });

        exchange.AssertBracketedByBusyAndIdle();
        ReceivedMessage error = Assert.Single(exchange.Errors);
        Assert.Equal("iopub", error.Channel);
        Assert.Equal("UnknownComm", (string?)error.Content["ename"]);
        Assert.Contains("no-such-comm", (string?)error.Content["evalue"]);
        Assert.IsType<JsonArray>(error.Content["traceback"]);
        Assert.Equal("no-such-comm", Assert.Single(exchange.OfType("comm_close")).CommId);
        Assert.Equal("ok", (string?)(await client.KernelInfoAsync()).Reply.Content["status"]);
        Assert.False(client.Closed.IsCompleted);
    }

    [Fact]
    public async Task Comm_open_for_an_unknown_target_is_closed_with_an_error_naming_the_target()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());

        (string commId, Exchange exchange) = await client.OpenCommAsync("no.such.target");

        Assert.Equal(commId, Assert.Single(exchange.OfType("comm_close")).CommId);
        ReceivedMessage error = Assert.Single(exchange.Errors);
        Assert.Equal("UnknownCommTarget", (string?)error.Content["ename"]);
        Assert.Contains("no.such.target", (string?)error.Content["evalue"]);
        Exchange info = await client.RequestAsync("comm_info_request");
        Assert.Empty(info.Reply.Content["comms"]!.AsObject());
    }

    [Theory]
    [InlineData("jupyter.widget")]
    [InlineData("jupyter.widget.control")]
    public async Task Unknown_comm_method_gets_an_error_naming_the_method(string target)
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("counter");
        string commId = target == "jupyter.widget" ? run.ButtonId : (await client.OpenCommAsync(target)).CommId;

        Exchange exchange = await client.CommMsgAsync(commId, new JsonObject { ["method"] = "frobnicate" });

        exchange.AssertBracketedByBusyAndIdle();
        ReceivedMessage error = Assert.Single(exchange.Errors);
        Assert.Equal("UnknownCommMethod", (string?)error.Content["ename"]);
        Assert.Contains("frobnicate", (string?)error.Content["evalue"]);
        Assert.Equal("Clicked: 1", (await client.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
    }

    [Fact]
    public async Task Update_whose_buffer_paths_do_not_match_its_buffers_gets_an_error_and_changes_nothing()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        AppRun run = await client.RunAppAsync("probe");
        string probe = run.Widget("IntSliderModel").CommId!;

        Exchange exchange = await client.CommMsgAsync(probe, new JsonObject
        {
            ["method"] = "update",
            ["state"] = new JsonObject { ["value"] = 5 },
            ["buffer_paths"] = new JsonArray(new JsonArray("data"), new JsonArray("other")),
        }, buffers: [[1]]);

        ReceivedMessage error = Assert.Single(exchange.Errors);
        Assert.Contains("buffer_paths", (string?)error.Content["evalue"]);
        Assert.Empty(exchange.CommMessages(probe));
        Exchange state = await client.CommMsgAsync(probe, new JsonObject { ["method"] = "request_state" });
        Assert.Equal(0, (int)AppRun.State(Assert.Single(state.CommMessages(probe)))["value"]!);
    }

    private static (byte[] Frame, bool Binary) Build(string frame) => frame switch
    {
        "text frame that is not JSON" => (Encoding.UTF8.GetBytes("this is not JSON {"), false),
        "JSON array instead of a message" => (Encoding.UTF8.GetBytes("[1, 2, 3]"), false),
        "JSON object without a header" => (Encoding.UTF8.GetBytes("""{"content": {}, "channel": "shell"}"""), false),
        "header without msg_type" => (Encoding.UTF8.GetBytes("""{"header": {"msg_id": "x"}, "content": {}}"""), false),
        "content that is not an object" => (Encoding.UTF8.GetBytes("""{"header": {"msg_id": "x", "msg_type": "kernel_info_request"}, "content": 5}"""), false),
        "binary frame with inconsistent offsets" => (InconsistentOffsets(), true),
        "binary frame shorter than its offset table" => ([0, 0, 0], true),
        "frame over SOLARA_MAX_FRAME_BYTES" => (Oversized(), false),
        "fragmented message over SOLARA_MAX_FRAME_BYTES" => (Oversized(), false),
        _ => throw new ArgumentOutOfRangeException(nameof(frame), frame, null),
    };

    /// <summary>A well-formed kernel_info_request padded to twice the frame limit.</summary>
    private static byte[] Oversized() => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["header"] = new JsonObject { ["msg_id"] = "x", ["msg_type"] = "kernel_info_request" },
        ["content"] = new JsonObject { ["pad"] = new string('x', 2 * MaxFrameBytes) },
    }.ToJsonString());

    /// <summary>Two parts whose second offset points past the end of the frame.</summary>
    private static byte[] InconsistentOffsets()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"header": {"msg_id": "x", "msg_type": "comm_msg"}, "content": {}}""");
        byte[] frame = new byte[12 + json.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(frame, 2);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 12);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), (uint)frame.Length + 100);
        json.CopyTo(frame, 12);
        return frame;
    }
}
