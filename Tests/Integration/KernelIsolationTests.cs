using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>A kernel whose handler blocks its thread never stalls another kernel, and a kernel's
/// app code never runs concurrently with itself.</summary>
public sealed class KernelIsolationTests
{
    [Fact]
    public async Task Eight_kernels_blocking_at_once_do_not_stall_a_ninth_kernels_click()
    {
        await using TestServer server = await TestServer.StartAsync();
        var blockers = new List<RawKernelClient>();
        var blockedClicks = new List<(RawKernelClient Client, string MsgId)>();
        try
        {
            for (int i = 0; i < 8; i++)
            {
                RawKernelClient client = await RawKernelClient.ConnectAsync(server);
                blockers.Add(client);
                AppRun run = await client.RunAppAsync("blocking");
                blockedClicks.Add((client, await client.SendAsync(ClickMessage(client, run.ButtonId))));
            }
            // Every blocking handler has started (its busy is sent before the handler runs).
            foreach ((RawKernelClient client, string msgId) in blockedClicks)
                await client.WaitForAsync(m => m.ParentMsgId == msgId && m.IsStatus("busy"), "busy of a blocking click");

            await using RawKernelClient ninth = await RawKernelClient.ConnectAsync(server);
            AppRun counter = await ninth.RunAppAsync("counter");
            var roundTrips = new List<double>();
            for (int click = 1; click <= 5; click++)
            {
                long start = Stopwatch.GetTimestamp();
                Exchange exchange = await ninth.ClickAsync(counter.ButtonId);
                roundTrips.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Assert.Equal($"Clicked: {click}", exchange.UpdatedDescription(counter.ButtonId));
            }

            // The blocking handlers were still running while the ninth kernel answered.
            Assert.All(blockedClicks, c => Assert.DoesNotContain(c.Client.Received, m => m.ParentMsgId == c.MsgId && m.IsStatus("idle")));
            roundTrips.Sort();
            Assert.True(roundTrips[2] < 100, $"median click round trip {roundTrips[2]:F1} ms while 8 kernels block (all: {string.Join(", ", roundTrips.Select(r => r.ToString("F1")))})");

            foreach ((RawKernelClient client, string msgId) in blockedClicks)
                await client.WaitForAsync(m => m.ParentMsgId == msgId && m.IsStatus("idle"), "idle of a blocking click", TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (RawKernelClient client in blockers)
                await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_kernels_requests_run_one_at_a_time_in_order()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server);
        AppRun run = await client.RunAppAsync("blocking");

        string first = await client.SendAsync(ClickMessage(client, run.ButtonId));
        string second = await client.SendAsync(ClickMessage(client, run.ButtonId));
        await client.WaitForAsync(m => m.ParentMsgId == second && m.IsStatus("idle"), "idle of the second click", TimeSpan.FromSeconds(30));

        List<ReceivedMessage> statuses = client.Received.Where(m => m.MsgType == "status" && (m.ParentMsgId == first || m.ParentMsgId == second)).ToList();
        Assert.Equal(
            [(first, "busy"), (first, "idle"), (second, "busy"), (second, "idle")],
            statuses.Select(m => (m.ParentMsgId!, (string)m.Content["execution_state"]!)).ToArray());
        ReceivedMessage secondUpdate = client.Received.Last(m => m.ParentMsgId == second && m.MsgType == "comm_msg");
        Assert.Equal("Blocked 2", (string?)AppRun.State(secondUpdate)["description"]);
    }

    private static Abstractions.Protocol.JupyterMessage ClickMessage(RawKernelClient client, string buttonId) =>
        client.NewMessage("comm_msg", new JsonObject
        {
            ["comm_id"] = buttonId,
            ["data"] = new JsonObject { ["method"] = "custom", ["content"] = new JsonObject { ["event"] = "click" } },
        });
}
