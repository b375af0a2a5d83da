using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary><c>GET /resourcez[?verbose]</c>: the operator's view of sockets, kernels, threads and state.</summary>
public sealed class ResourcezTests
{
    /// <summary>Every field of the state block listed by the state-persistence design (seed 002).</summary>
    private static readonly string[] StateFields =
    [
        "status", "circuit_breaker", "restore_attempts", "restore_success", "restore_bailout", "restore_miss",
        "restore_schema_reset", "flush_ok", "flush_rejected", "flush_failures", "breaker_transitions",
        "superseded_closes", "superseded_while_connected", "backend_last_ok_age_seconds", "backend_last_error",
        "sync_count", "sync_bytes_total", "sync_mb_total", "restore_bytes_total", "sync_keys_dropped",
        "sync_kernels_dropped", "sync_oversize_dropped", "sync_by_key", "sync_by_kernel",
    ];

    [Fact]
    public async Task Resourcez_counts_websockets_and_kernels_by_page_state()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "7" });
        string session = RawKernelClient.NewId(), shared = RawKernelClient.NewId();
        await using RawKernelClient other = await RawKernelClient.ConnectAsync(server, sessionId: session);
        await other.KernelInfoAsync();
        await using RawKernelClient staying = await RawKernelClient.ConnectAsync(server, shared, RawKernelClient.NewId(), session);
        await using (RawKernelClient leaving = await RawKernelClient.ConnectAsync(server, shared, RawKernelClient.NewId(), session))
        {
            await leaving.KernelInfoAsync();
            await leaving.CloseAsync();
        }
        // The leaving page's detach was queued on the kernel before the server answered the close;
        // a request through the staying page runs after it.
        await staying.KernelInfoAsync();

        JsonObject report = await Report(server);

        JsonObject websockets = report["websockets"]!.AsObject();
        Assert.Equal(3, (long)websockets["attempts"]!);
        Assert.Equal(0, (long)websockets["connecting"]!);
        Assert.Equal(2, (long)websockets["open"]!);
        Assert.Equal(1, (long)websockets["closed"]!);
        JsonObject kernels = report["kernels"]!.AsObject();
        Assert.Equal(2, (long)kernels["total"]!);
        Assert.Equal(2, (long)kernels["has_connected"]!);
        Assert.Equal(1, (long)kernels["has_disconnected"]!);
        Assert.Equal(0, (long)kernels["has_closed"]!);
        Assert.Equal(7, (long)kernels["max_count"]!);
        Assert.Null(report["process"]);
    }

    [Fact]
    public async Task A_page_closed_by_the_beacon_while_another_stays_counts_in_has_closed()
    {
        await using TestServer server = await TestServer.StartAsync();
        string session = RawKernelClient.NewId(), kernel = RawKernelClient.NewId();
        await using RawKernelClient staying = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        await using RawKernelClient closing = await RawKernelClient.ConnectAsync(server, kernel, RawKernelClient.NewId(), session);
        await closing.CloseAsync();
        using (var http = new HttpClient(new HttpClientHandler { UseCookies = false }))
        using (var beacon = new HttpRequestMessage(HttpMethod.Post, $"{server.BaseUrl}/_solara/api/close/{kernel}?session_id={closing.PageId}"))
        {
            beacon.Headers.Add("Cookie", $"solara-session-id={session}");
            (await http.SendAsync(beacon)).EnsureSuccessStatusCode();
        }
        await staying.KernelInfoAsync(); // runs after the beacon's turn

        JsonObject kernels = (await Report(server))["kernels"]!.AsObject();

        Assert.Equal(1, (long)kernels["total"]!);
        Assert.Equal(1, (long)kernels["has_connected"]!);
        Assert.Equal(0, (long)kernels["has_disconnected"]!);
        Assert.Equal(1, (long)kernels["has_closed"]!);
    }

    [Fact]
    public async Task Refused_connects_count_as_attempts_and_closed_sockets()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "1" });
        await using RawKernelClient first = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await first.KernelInfoAsync();
        await using (RawKernelClient refused = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId()))
            await refused.WaitForCloseAsync();

        JsonObject websockets = (await Report(server))["websockets"]!.AsObject();

        Assert.Equal(2, (long)websockets["attempts"]!);
        Assert.Equal(0, (long)websockets["connecting"]!);
        Assert.Equal(1, (long)websockets["open"]!);
        Assert.Equal(1, (long)websockets["closed"]!);
    }

    [Fact]
    public async Task Resourcez_is_pretty_printed_json_with_unlimited_max_count_as_null()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.GetAsync($"{server.BaseUrl}/resourcez");
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\n  ", text);
        JsonObject report = JsonNode.Parse(text)!.AsObject();
        Assert.True(report["kernels"]!.AsObject().ContainsKey("max_count"));
        Assert.Null(report["kernels"]!["max_count"]);
        Assert.Equal(0, (long)report["kernels"]!["total"]!);
        Assert.True((long)report["turn_threads"]!["threads"]! >= 0, "the execution resources (turn threads) are reported");
    }

    [Theory]
    [InlineData("?verbose")]
    [InlineData("?verbose=1")]
    public async Task Verbose_adds_process_cpu_and_memory_detail(string query)
    {
        await using TestServer server = await TestServer.StartAsync();

        JsonObject report = await Report(server, query);

        JsonObject process = Assert.IsType<JsonObject>(report["process"]);
        Assert.True((double)process["cpu_seconds"]! >= 0);
        Assert.True((long)process["working_set_bytes"]! > 0);
    }

    [Fact]
    public async Task State_block_reports_off_with_every_documented_field()
    {
        await using TestServer server = await TestServer.StartAsync();

        JsonObject state = (await Report(server))["state"]!.AsObject();

        Assert.Equal("off", (string?)state["status"]);
        string[] missing = StateFields.Where(f => !state.ContainsKey(f)).ToArray();
        Assert.True(missing.Length == 0, $"the state block lacks {string.Join(", ", missing)}: {state.ToJsonString()}");
        Assert.IsType<JsonArray>(state["sync_by_key"]);
        Assert.IsType<JsonArray>(state["sync_by_kernel"]);
        Assert.Equal(0, (long)state["sync_oversize_dropped"]!);
    }

    [Fact]
    public async Task Kernel_table_shows_the_top_10_and_the_top_100_with_verbose()
    {
        await using TestServer server = await TestServer.StartAsync();
        var clients = new List<RawKernelClient>();
        try
        {
            for (int i = 0; i < 12; i++)
            {
                RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
                clients.Add(client);
                await client.KernelInfoAsync();
            }

            JsonArray top = (await Report(server))["kernels"]!["busiest"]!.AsArray();
            JsonArray verbose = (await Report(server, "?verbose"))["kernels"]!["busiest"]!.AsArray();

            Assert.Equal(10, top.Count);
            Assert.Equal(12, verbose.Count);
            Assert.Equal(clients.Select(c => c.KernelId).Order(), verbose.Select(row => (string)row!["kernel"]!).Order());
        }
        finally
        {
            foreach (RawKernelClient client in clients)
                await client.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task In_production_kernel_ids_are_hashed_without_the_right_token(string? token)
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["SOLARA_MODE"] = "production",
            ["SOLARA_RESOURCEZ_TOKEN"] = "the-right-token",
        });
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await client.KernelInfoAsync();

        JsonObject report = await Report(server, "", token);

        string label = (string)report["kernels"]!["busiest"]![0]!["kernel"]!;
        Assert.Matches("^sha256:[0-9a-f]{12}$", label);
        Assert.DoesNotContain(client.KernelId, report.ToJsonString());
    }

    [Fact]
    public async Task In_production_the_right_bearer_token_shows_raw_kernel_ids()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string>
        {
            ["SOLARA_MODE"] = "production",
            ["SOLARA_RESOURCEZ_TOKEN"] = "the-right-token",
        });
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await client.KernelInfoAsync();

        JsonObject report = await Report(server, "", "the-right-token");

        Assert.Equal(client.KernelId, (string?)report["kernels"]!["busiest"]![0]!["kernel"]);
    }

    private static async Task<JsonObject> Report(TestServer server, string query = "", string? bearer = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.BaseUrl}/resourcez{query}");
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"/resourcez answered {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
