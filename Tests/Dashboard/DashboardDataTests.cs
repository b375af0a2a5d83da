using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Dashboard;

/// <summary><c>/dashboard/data</c> and <c>/dashboard/kernel/{id}</c> against the embedded server with the memory backend.</summary>
public sealed class DashboardDataTests
{
    private static async Task<JsonObject> DataAsync(HttpClient http, long since = 0) =>
        JsonNode.Parse(await http.GetStringAsync($"/dashboard/data?since={since}"))!.AsObject();

    [Fact]
    public async Task The_silo_its_kernels_and_the_message_rate_of_clicks_appear_in_the_data()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        await DataAsync(http);
        (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(server, RawKernelClient.NewId(), RawKernelClient.NewId(), clicks: 5);
        await using RawKernelClient connected = client;

        JsonObject data = await PollAsync(http, d => d["points"]!.AsArray().Any(p => (double?)p!["in"]?["comm_msg"] > 0), "a point with comm_msg traffic");

        JsonObject silo = Assert.Single(data["silos"]!.AsArray())!.AsObject();
        Assert.Equal(server.Silo.Address.ToString(), (string?)silo["address"]);
        Assert.Equal("Active", (string?)silo["label"]);
        Assert.Equal(1, (long?)silo["activations"]?["KernelGrain"]);
        Assert.True((double?)silo["messages_in"] >= 7, silo.ToJsonString());
        Assert.Equal("healthy", (string?)silo["state"]?["status"]);
        JsonObject point = data["points"]!.AsArray().Last(p => (double?)p!["in"]?["comm_msg"] > 0)!.AsObject();
        Assert.True((double?)point["out"]?["status"] > 0);
        Assert.NotNull((double?)point["p50"]);
        Assert.Contains(data["kernels"]!.AsArray(), k => (string?)k!["kernel"] == client.KernelId);
    }

    [Fact]
    public async Task The_drill_down_shows_the_kernels_pages_and_persisted_keys_with_their_sizes()
    {
        await using TestServer server = await PersistedServer.StartAsync(("SOLARA_STATE_FLUSH_DEBOUNCE", "10ms"));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        (RawKernelClient client, AppRun run) = await PersistedServer.CounterAsync(server, RawKernelClient.NewId(), RawKernelClient.NewId(), clicks: 2);
        await using RawKernelClient connected = client;

        JsonObject view = await PollKernelAsync(http, client.KernelId, v => v["persisted"]?["keys"]?.AsArray().Count > 0);

        Assert.Equal(server.Silo.Address.ToString(), (string?)view["silo"]);
        JsonObject page = Assert.Single(view["pages"]!.AsArray())!.AsObject();
        Assert.Equal(client.PageId, (string?)page["page"]);
        Assert.Equal("connected", (string?)page["state"]);
        JsonObject key = Assert.Single(view["persisted"]!["keys"]!.AsArray())!.AsObject();
        Assert.Equal(PersistedServer.CounterKey, (string?)key["key"]);
        Assert.True((long?)key["bytes"] > 0);
        Assert.Equal("miss", (string?)view["state"]?["last_restore"]?["status"]);
        Assert.True((double?)view["age_seconds"] >= 0);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"/dashboard/kernel/{RawKernelClient.NewId()}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.GetAsync("/dashboard/kernel/bad%20id")).StatusCode);
    }

    private static async Task<JsonObject> PollAsync(HttpClient http, Func<JsonObject, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonObject data;
        do
        {
            data = await DataAsync(http);
            if (until(data))
                return data;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"never saw {what}; last data: {data.ToJsonString()}");
    }

    private static async Task<JsonObject> PollKernelAsync(HttpClient http, string kernelId, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonObject view;
        do
        {
            view = JsonNode.Parse(await http.GetStringAsync($"/dashboard/kernel/{kernelId}"))!.AsObject();
            if (until(view))
                return view;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"the kernel view never matched; last: {view.ToJsonString()}");
    }
}
