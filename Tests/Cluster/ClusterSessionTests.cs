using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Transport;
using Solara.Orleans.Grains.Sessions;
using Solara.Orleans.Tests.Cluster.Support;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;
using Solara.Orleans.Tests.Sessions;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>The session grain across silo processes: session-wide values pushed to kernels on other
/// silos, the per-session kernel limit counted cluster-wide, and the session's state surviving the
/// loss of the silo that hosted its grain.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterSessionTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_session_value_set_on_one_silo_is_pushed_to_the_sessions_kernel_on_the_other_silo()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 1);
        string session = Guid.NewGuid().ToString();
        await using SessionKernels kernels = await SessionKernels.OnBothSilosAsync(cluster, cluster.Gateways[0], session, max: 10);
        (RawKernelClient first, RawKernelClient second) = kernels.OnePerSilo();
        AppRun firstRun = await SessionCounterClient.RunAsync(first);
        AppRun secondRun = await SessionCounterClient.RunAsync(second);

        Assert.Equal(SessionCounterClient.Label(1), (await first.ClickAsync(firstRun.ButtonId)).UpdatedDescription(firstRun.ButtonId));
        await SessionCounterClient.PushedAsync(second, secondRun, 1);
        Assert.Equal(SessionCounterClient.Label(2), (await second.ClickAsync(secondRun.ButtonId)).UpdatedDescription(secondRun.ButtonId));
        await SessionCounterClient.PushedAsync(first, firstRun, 2);

        GrainAddress? grain = await cluster.Directory.LookupAsync(SessionGrainId.For(session));
        Assert.NotNull(grain);
        Assert.DoesNotContain(await cluster.Directory.ListAsync(), a => a.GrainId.Contains(session, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_per_session_limit_counts_the_sessions_kernels_on_every_silo()
    {
        const int limit = 6;
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 1,
            new Dictionary<string, string> { ["SOLARA_KERNEL_MAX_PER_SESSION"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        string session = Guid.NewGuid().ToString();
        await using SessionKernels kernels = await SessionKernels.ConnectAsync(cluster, cluster.Gateways[0], session, limit);
        Assert.Equal(2, kernels.Hosts.Count);
        Assert.All(kernels.Hosts, h => Assert.True(h.Value < limit));

        await using RawKernelClient refused = await RawKernelClient.ConnectAsync(cluster.Gateways[0].WebSocketBaseUrl, RawKernelClient.NewId(), RawKernelClient.NewId(), session);
        CloseInfo closed = await refused.WaitForCloseAsync();

        Assert.Equal(1008, closed.Code);
        Assert.Contains($"SOLARA_KERNEL_MAX_PER_SESSION={limit}", closed.Description, StringComparison.Ordinal);
        Assert.Null(await cluster.Directory.LookupAsync(refused.KernelId));
        await using RawKernelClient otherSession = await RawKernelClient.ConnectAsync(cluster.Gateways[0].WebSocketBaseUrl, RawKernelClient.NewId(), RawKernelClient.NewId(), Guid.NewGuid().ToString());
        Assert.Equal("ok", (string?)(await otherSession.KernelInfoAsync()).Reply.Content["status"]);
        RawKernelClient existing = kernels.Clients[0];
        await using RawKernelClient popout = await RawKernelClient.ConnectAsync(cluster.Gateways[0].WebSocketBaseUrl, existing.KernelId, RawKernelClient.NewId(), session);
        Assert.Equal("ok", (string?)(await popout.KernelInfoAsync()).Reply.Content["status"]);
    }

    [Fact]
    public async Task The_session_value_survives_killing_the_silo_of_the_session_grain_and_pushes_resume()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 2);
        string session = Guid.NewGuid().ToString();
        await using SessionKernels kernels = await SessionKernels.OnBothSilosAsync(cluster, cluster.Gateways[0], session, max: 10);
        (RawKernelClient first, RawKernelClient second) = kernels.OnePerSilo();
        AppRun firstRun = await SessionCounterClient.RunAsync(first);
        AppRun secondRun = await SessionCounterClient.RunAsync(second);
        await first.ClickAsync(firstRun.ButtonId);
        await SessionCounterClient.PushedAsync(second, secondRun, 1);
        GrainAddress grain = await cluster.Directory.LookupAsync(SessionGrainId.For(session)) ?? throw new Xunit.Sdk.XunitException("the session grain is not in the directory");
        TestSilo grainHost = cluster.Silos.Single(s => s.Endpoint == grain.Silo.Endpoint);
        (RawKernelClient survivor, AppRun survivorRun) = kernels.HostOf(first) == grainHost.Endpoint ? (second, secondRun) : (first, firstRun);

        await cluster.KillSiloAsync(grainHost);

        await using RawKernelClient late = await RawKernelClient.ConnectAsync(cluster.Gateways[1].WebSocketBaseUrl, RawKernelClient.NewId(), RawKernelClient.NewId(), session);
        AppRun lateRun = await SessionCounterClient.RunAsync(late);
        Assert.Equal(SessionCounterClient.Label(1), SessionCounterClient.LabelOf(lateRun));
        GrainAddress moved = await cluster.Directory.LookupAsync(SessionGrainId.For(session)) ?? throw new Xunit.Sdk.XunitException("the session grain is not in the directory");
        Assert.NotEqual(grainHost.Endpoint, moved.Silo.Endpoint);
        Assert.True(moved.Fence > grain.Fence);

        Assert.Equal(SessionCounterClient.Label(2), (await survivor.ClickAsync(survivorRun.ButtonId)).UpdatedDescription(survivorRun.ButtonId));
        await SessionCounterClient.PushedAsync(late, lateRun, 2);
    }

    [Fact]
    public async Task The_silo_to_silo_session_api_refuses_calls_without_the_cluster_credential_and_answers_not_here_for_a_session_it_does_not_host()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 1, gateways: 0);
        string hash = SessionGrainId.HashOf(Guid.NewGuid().ToString());
        var call = new { kind = (int)SessionCallKind.Admit, sessionId = "not-this-one", kernelId = "k", activation = "a", silo = new { endpoint = "http://127.0.0.1:1", generation = 1 } };
        string url = $"{cluster.Silos[0].Endpoint}/_cluster/sessions/{hash}/call";
        using var anonymous = new HttpClient();
        using var member = new HttpClient();
        new ClusterCredential(TestCluster.Secret).Apply(member.DefaultRequestHeaders);

        using HttpResponseMessage refused = await anonymous.PostAsJsonAsync(url, call);
        using HttpResponseMessage badId = await member.PostAsJsonAsync($"{cluster.Silos[0].Endpoint}/_cluster/sessions/not-a-hash/call", call);
        using HttpResponseMessage notHere = await member.PostAsJsonAsync(url, call);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, notHere.StatusCode);
        JsonNode? reply = await notHere.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal((int)SessionReplyStatus.NotHere, (int?)reply?["status"]);
    }
}
