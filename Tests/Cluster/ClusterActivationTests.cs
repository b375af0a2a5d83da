using System.Net;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Transport;
using Solara.Orleans.Tests.Cluster.Support;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>Single activation, placement stability and the internal API's credential, on a real cluster.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterActivationTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_thousand_concurrent_first_connects_to_ten_kernels_give_exactly_one_activation_each()
    {
        // A correctness test, not a latency one: the test process itself hosts the thousand clients and both
        // gateways on two cores, so cluster calls get more time than production's default, and the lease is
        // long enough that a silo starved of CPU by the burst does not fence itself and refuse kernels.
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 2,
            new Dictionary<string, string> { ["SOLARA_CLUSTER_CALL_TIMEOUT"] = "15s", ["SOLARA_CLUSTER_LEASE"] = "10s" });
        string[] kernelIds = Enumerable.Range(0, 10).Select(_ => RawKernelClient.NewId()).ToArray();
        string[] sessions = kernelIds.Select(_ => Guid.NewGuid().ToString()).ToArray();

        RawKernelClient[] clients = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            int k = i % kernelIds.Length;
            TestGateway gateway = cluster.Gateways[i % cluster.Gateways.Count];
            return await RawKernelClient.ConnectAsync(gateway.WebSocketBaseUrl, kernelIds[k], RawKernelClient.NewId(), sessions[k]);
        }));
        try
        {
            // Every socket attached to its kernel (no request per page: a kernel's iopub fans out to all hundred of its pages).
            await Eventually.TrueAsync(async () =>
            {
                JsonObject[] reports = await Task.WhenAll(cluster.Gateways.Select(ResourcezAsync));
                return reports.Sum(r => (int)r["websockets"]!["open"]!) == clients.Length;
            }, TimeSpan.FromSeconds(60), "all thousand sockets attached");
            IReadOnlyList<GrainAddress> entries = await cluster.Directory.ListAsync();
            foreach (string kernelId in kernelIds)
            {
                GrainAddress entry = Assert.Single(entries, e => e.GrainId == kernelId);
                Assert.Equal(1, entry.Fence);
            }
            JsonObject report = await ResourcezAsync(cluster.Gateways[0]);
            Assert.Equal(kernelIds.Length, (int)report["kernels"]!["total"]!);
            int connected = ((JsonArray)report["silos"]!).Sum(s => (int)s!["kernels"]!["has_connected"]!);
            Assert.Equal(kernelIds.Length, connected);
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Adding_a_silo_moves_no_live_kernel()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 1, gateways: 1);
        var pages = new List<RawKernelClient>();
        for (int i = 0; i < 5; i++)
            pages.Add((await ClusterCounter.OpenAsync(cluster.Gateways[0], RawKernelClient.NewId(), Guid.NewGuid().ToString(), clicks: 1)).Client);
        Dictionary<string, GrainAddress> before = (await cluster.Directory.ListAsync()).ToDictionary(a => a.GrainId);

        TestSilo added = await cluster.AddSiloAsync();
        await Eventually.TrueAsync(async () => (await cluster.Membership.ReadAllAsync()).Live(cluster.Options.Lease).Count() == 2,
            cluster.DeathDetectionBound, "the new silo is live");
        foreach (RawKernelClient page in pages)
        {
            await using RawKernelClient again = await RawKernelClient.ConnectAsync(cluster.Gateways[0].WebSocketBaseUrl, page.KernelId, RawKernelClient.NewId(), page.SessionId);
            await again.KernelInfoAsync();
        }

        Dictionary<string, GrainAddress> after = (await cluster.Directory.ListAsync()).ToDictionary(a => a.GrainId);
        foreach ((string kernelId, GrainAddress address) in before)
            Assert.Equal(address, after[kernelId]);
        Assert.DoesNotContain(after.Values, a => a.Silo.Endpoint == added.Endpoint);
        foreach (RawKernelClient page in pages)
            await page.DisposeAsync();
    }

    [Fact]
    public async Task The_silo_api_refuses_requests_without_the_cluster_credential_and_gateways_never_serve_it()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 1, gateways: 1);
        using var http = new HttpClient();
        string silo = cluster.Silos[0].Endpoint;

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{silo}/_cluster/apps")).StatusCode);
        var wrong = new HttpRequestMessage(HttpMethod.Get, $"{silo}/_cluster/apps");
        new ClusterCredential("not-the-cluster-secret-at-all").Apply(wrong.Headers);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        var right = new HttpRequestMessage(HttpMethod.Get, $"{silo}/_cluster/apps");
        new ClusterCredential(TestCluster.Secret).Apply(right.Headers);
        HttpResponseMessage listed = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains("counter", await listed.Content.ReadAsStringAsync());

        var viaGateway = new HttpRequestMessage(HttpMethod.Get, $"{cluster.Gateways[0].BaseUrl}/_cluster/apps");
        new ClusterCredential(TestCluster.Secret).Apply(viaGateway.Headers);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(viaGateway)).StatusCode);
    }

    private static async Task<JsonObject> ResourcezAsync(TestGateway gateway)
    {
        using var http = new HttpClient();
        return (JsonObject)JsonNode.Parse(await http.GetStringAsync($"{gateway.BaseUrl}/resourcez"))!;
    }
}
