using System.Net;
using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Integration;

/// <summary>What load balancers and Jupyter clients probe over HTTP: <c>/readyz</c> and the kernel stub.</summary>
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
}
