using System.Net;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>What operators and Jupyter clients probe over HTTP: <c>/readyz</c>, <c>/resourcez</c>, the kernel stub.</summary>
public sealed class OpsEndpointTests
{
    [Fact]
    public async Task Readyz_answers_status_ok()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient();

        using HttpResponseMessage response = await http.GetAsync($"{server.BaseUrl}/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonObject body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("ok", (string?)body["status"]);
    }

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

        JsonObject report = await Report(server, "");

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
        Assert.Equal("off", (string?)report["state"]!["status"]);
        Assert.Null(report["process"]);
    }

    [Fact]
    public async Task Resourcez_is_pretty_printed_and_reports_unlimited_max_count_as_null()
    {
        await using TestServer server = await TestServer.StartAsync();
        using var http = new HttpClient();

        string text = await http.GetStringAsync($"{server.BaseUrl}/resourcez");

        Assert.Contains("\n  ", text);
        JsonObject report = JsonNode.Parse(text)!.AsObject();
        Assert.True(report["kernels"]!.AsObject().ContainsKey("max_count"));
        Assert.Null(report["kernels"]!["max_count"]);
        Assert.Equal(0, (long)report["kernels"]!["total"]!);
    }

    [Theory]
    [InlineData("?verbose")]
    [InlineData("?verbose=1")]
    public async Task Resourcez_verbose_adds_process_detail(string query)
    {
        await using TestServer server = await TestServer.StartAsync();

        JsonObject report = await Report(server, query);

        JsonObject process = Assert.IsType<JsonObject>(report["process"]);
        Assert.True((double)process["cpu_seconds"]! >= 0);
        Assert.True((long)process["working_set_bytes"]! > 0);
        Assert.Equal("off", (string?)report["state"]!["status"]);
    }

    [Fact]
    public async Task Kernel_stub_describes_a_live_kernel_and_404s_an_unknown_one()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using RawKernelClient client = await RawKernelClient.ConnectAsync(server, sessionId: RawKernelClient.NewId());
        await client.KernelInfoAsync();
        using var http = new HttpClient();

        using HttpResponseMessage live = await http.GetAsync($"{server.BaseUrl}/jupyter/api/kernels/{client.KernelId}");
        using HttpResponseMessage unknown = await http.GetAsync($"{server.BaseUrl}/jupyter/api/kernels/{RawKernelClient.NewId()}");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        JsonObject model = JsonNode.Parse(await live.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(client.KernelId, (string?)model["id"]);
        Assert.False(string.IsNullOrEmpty((string?)model["name"]));
        Assert.Contains((string?)model["execution_state"], new[] { "idle", "busy" });
        Assert.Equal(1, (int)model["connections"]!);
        Assert.EndsWith("Z", (string?)model["last_activity"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("does not exist", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["message"]);
    }

    private static async Task<JsonObject> Report(TestServer server, string query)
    {
        using var http = new HttpClient();
        return JsonNode.Parse(await http.GetStringAsync($"{server.BaseUrl}/resourcez{query}"))!.AsObject();
    }
}
