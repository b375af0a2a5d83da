using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary><c>SOLARA_KERNELS_MAX_COUNT</c>: new kernels are refused at the limit (1013), live ones never are.</summary>
public sealed class CapacityTests
{
    [Theory]
    [InlineData("SOLARA_KERNELS_MAX_COUNT")]
    [InlineData("SOLARA_KERNEL_MAX_COUNT")]
    public async Task At_the_limit_a_new_kernel_is_refused_with_1013_and_a_reason(string variable)
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { [variable] = "1" });
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await first.KernelInfoAsync();

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        CloseInfo refused = await second.WaitForCloseAsync();

        Assert.Equal(1013, refused.Code);
        Assert.Contains("capacity", refused.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(second.Received);
        Assert.Equal("ok", (string?)(await first.KernelInfoAsync()).Reply.Content["status"]);
    }

    [Fact]
    public async Task At_the_limit_a_reconnect_to_the_live_kernel_is_accepted()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "1" });
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId(), page = RawKernelClient.NewId();
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        AppRun run = await first.RunAppAsync("counter");
        await first.CloseAsync();

        await using RawKernelClient reconnect = await RawKernelClient.ConnectAsync(server, kernel, page, session);
        await using RawKernelClient popout = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);

        Assert.Equal("Clicked: 1", (await reconnect.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        Assert.Equal("ok", (string?)(await popout.KernelInfoAsync()).Reply.Content["status"]);
    }

    [Fact]
    public async Task After_the_kernel_at_the_limit_closes_a_new_kernel_is_accepted()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "1" });
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await first.KernelInfoAsync();
        await using (RawKernelClient refused = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId()))
            Assert.Equal(1013, (await refused.WaitForCloseAsync()).Code);

        await first.SendAsync("shutdown_request", channel: "control");
        await server.KernelClosed(first.KernelId).WaitAsync(TimeSpan.FromSeconds(15));

        await using RawKernelClient next = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        Assert.Equal("ok", (string?)(await next.KernelInfoAsync()).Reply.Content["status"]);
        Assert.Contains(server.Logs.Lines, l => l.Message.Contains("capacity", StringComparison.OrdinalIgnoreCase) && l.Message.Contains("SOLARA_KERNELS_MAX_COUNT=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connects_racing_for_the_last_slots_never_exceed_the_limit()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "3" });

        RawKernelClient[] clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId())));
        try
        {
            // Each connect is either refused (closed with 1013) or answers kernel_info.
            Task<string>[] outcomes = clients.Select(async c =>
            {
                Task<Exchange> info = c.KernelInfoAsync();
                Task first = await Task.WhenAny(info, c.Closed);
                return first == info && info.IsCompletedSuccessfully ? "accepted" : $"closed {(await c.Closed).Code}";
            }).ToArray();
            string[] results = await Task.WhenAll(outcomes);

            Assert.Equal(3, results.Count(r => r == "accepted"));
            Assert.Equal(7, results.Count(r => r == "closed 1013"));
            Assert.Equal(3, server.Silo.Count);
        }
        finally
        {
            foreach (RawKernelClient client in clients)
                await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Empty_max_count_means_unlimited()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "" });
        var clients = new List<RawKernelClient>();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
                clients.Add(client);
                Assert.Equal("ok", (string?)(await client.KernelInfoAsync()).Reply.Content["status"]);
            }
            Assert.Equal(5, server.Silo.Count);
        }
        finally
        {
            foreach (RawKernelClient client in clients)
                await client.DisposeAsync();
        }
    }
}
