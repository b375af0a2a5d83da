using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.Metrics;
using Solara.Orleans.Grains.Runtime;
using Solara.Samples;

namespace Solara.Orleans.Tests.Integration;

/// <summary>The garbage one counter click makes on the kernel's side (decode the frame, run the turn,
/// re-render, encode busy, the update and idle): at 1,000 clicks a second it is what the collector
/// has to clean up, and its pauses make the latency tail (issue 8).</summary>
public sealed class CounterClickAllocationTests
{
    /// <summary>About 7 KB today (35 KB before the encoder reused its buffer and the header was
    /// written straight into the frame); the budget leaves room for small changes, not for a
    /// return of per-message buffers or JSON headers.</summary>
    private const long BudgetBytesPerClick = 12 * 1024;

    [Fact]
    public async Task A_counter_click_allocates_within_its_budget_and_sends_busy_the_update_and_idle()
    {
        using var turnThreads = new ElasticThreadPool();
        var services = new KernelServices(new AppRegistry(SampleApps.All), new KernelOptions(), new ServerOptions(),
            turnThreads, NullLogger.Instance, TimeProvider.System);
        using KernelMetrics metrics = services.Metrics;
        var kernel = new KernelGrain("k-alloc", "s-alloc", services);
        var socket = new RecordingSocket();
        await kernel.Mailbox.Call(() => kernel.Attach(socket, new KernelAttachRequest("k-alloc", socket.PageId, "s-alloc", "test"), (_, _) => null!));
        await TurnAsync(kernel, Request("comm_open", new JsonObject { ["comm_id"] = "control", ["target_name"] = "solara.control", ["data"] = new JsonObject() }));
        socket.Frames.Clear();
        await TurnAsync(kernel, Request("comm_msg", new JsonObject
        {
            ["comm_id"] = "control",
            ["data"] = new JsonObject { ["method"] = "run", ["args"] = new JsonObject { ["path"] = "/counter", ["appName"] = "counter" } },
        }));
        string button = socket.Sent()
            .Where(m => (string?)m["msg_type"] == "comm_open" && (string?)m["content"]!["data"]!["state"]!["_model_name"] == "ButtonModel")
            .Select(m => (string)m["content"]!["comm_id"]!)
            .Single();
        JupyterMessage clickRequest = Request("comm_msg", new JsonObject
        {
            ["comm_id"] = button,
            ["data"] = new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "click" } },
        });
        byte[] click = FrameCodec.Encode(clickRequest, out _);

        const int warmup = 50, measured = 200;
        for (int i = 0; i < warmup; i++)
            await ClickAsync(kernel, click, socket.PageId);
        socket.Frames.Clear();
        long allocated = 0;
        for (int i = 0; i < measured; i++)
            allocated += await ClickAsync(kernel, click, socket.PageId);

        long perClick = allocated / measured;
        Assert.True(perClick <= BudgetBytesPerClick, $"a counter click allocated {perClick} bytes on the kernel's turn; the budget is {BudgetBytesPerClick}");
        JsonObject[] last = socket.Sent()[^3..];
        Assert.Equal(["status", "comm_msg", "status"], last.Select(m => (string?)m["msg_type"]));
        Assert.Equal("busy", (string?)last[0]["content"]!["execution_state"]);
        Assert.Equal($"Clicked: {warmup + measured}", (string?)last[1]["content"]!["data"]!["state"]!["description"]);
        Assert.Equal("idle", (string?)last[2]["content"]!["execution_state"]);
        Assert.All(last, m => Assert.Equal(clickRequest.MsgId, (string?)m["parent_header"]!["msg_id"]));
        kernel.Mailbox.Post(() => kernel.Close(KernelCloseReason.Shutdown));
    }

    private int _requests;

    private JupyterMessage Request(string msgType, JsonObject content) => new()
    {
        Header = new JsonObject
        {
            ["msg_id"] = $"request-{++_requests}",
            ["msg_type"] = msgType,
            ["username"] = "test",
            ["session"] = "page-session",
            ["date"] = "2025-01-01T00:00:00.000Z",
            ["version"] = "5.3",
        },
        Content = content,
        Channel = "shell",
    };

    private static Task TurnAsync(KernelGrain kernel, JupyterMessage request) => kernel.Mailbox.Call(async () =>
    {
        await kernel.HandleAsync(request, "page-1");
        return true;
    });

    /// <summary>Decodes the frame and runs the turn, as a socket's link does; returns the bytes the kernel's thread allocated.</summary>
    private static Task<long> ClickAsync(KernelGrain kernel, byte[] frame, string pageId) => kernel.Mailbox.Call(async () =>
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        await kernel.HandleAsync(FrameCodec.DecodeText(frame), pageId); // completes on this thread: the turn is synchronous
        return GC.GetAllocatedBytesForCurrentThread() - before;
    });

    /// <summary>The kernel's end of a page's socket, keeping every frame it is sent.</summary>
    private sealed class RecordingSocket : IKernelSocket
    {
        public List<KernelFrame> Frames { get; } = [];

        public string PageId => "page-1";

        public void Send(KernelFrame frame) => Frames.Add(frame);

        public void Close(int closeCode, string reason)
        {
        }

        public JsonObject[] Sent() => [.. Frames.Select(f => JsonNode.Parse(Encoding.UTF8.GetString(f.Data))!.AsObject())];
    }
}
