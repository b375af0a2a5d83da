using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Tests.Cluster.Support;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>Silo loss with real processes: SIGKILL, SIGTERM, and a frozen (zombie) silo.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterFailoverTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_page_whose_silo_is_killed_reconnects_through_another_gateway_with_its_persisted_count()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 2);
        string kernelId = RawKernelClient.NewId(), session = Guid.NewGuid().ToString(), page = RawKernelClient.NewId();
        (RawKernelClient first, _) = await ClusterCounter.OpenAsync(cluster.Gateways[0], kernelId, session, clicks: 3, pageId: page);
        await ClusterCounter.PersistedAsync(cluster, kernelId, count: 3);
        TestSilo host = await cluster.HostOfAsync(kernelId) ?? throw new Xunit.Sdk.XunitException("the kernel is not in the directory");

        await cluster.KillSiloAsync(host);
        CloseInfo dropped = await first.WaitForCloseAsync();
        Assert.Equal(1012, dropped.Code);

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(cluster.Gateways[1].WebSocketBaseUrl, kernelId, page, session);
        var status = await second.AppStatusAsync();
        Assert.Equal("success", (string?)status["lastRestore"]?["status"]);
        Assert.True((bool?)status["canRecover"]);
        AppRun rerun = await second.RunAppAsync("counter");
        Assert.Equal("Clicked: 3", PersistedServer.ButtonLabel(rerun));
        Assert.Equal("Clicked: 4", (await second.ClickAsync(rerun.ButtonId)).UpdatedDescription(rerun.ButtonId));
        TestSilo? newHost = await cluster.HostOfAsync(kernelId);
        Assert.NotNull(newHost);
        Assert.NotEqual(host.Endpoint, newHost.Endpoint);
        await first.DisposeAsync();

        // Convergence: the dead silo is declared dead and no directory entry names it any more.
        await cluster.WaitDeclaredDeadAsync(host);
        await Eventually.TrueAsync(async () => (await cluster.Directory.ListAsync()).All(a => a.Silo.Endpoint != host.Endpoint),
            cluster.DeathDetectionBound, "no directory entry names the dead silo");
    }

    [Fact]
    public async Task A_gracefully_stopped_silo_flushes_marks_itself_dead_and_its_kernel_restores_elsewhere()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 1);
        string kernelId = RawKernelClient.NewId(), session = Guid.NewGuid().ToString();
        (RawKernelClient first, _) = await ClusterCounter.OpenAsync(cluster.Gateways[0], kernelId, session, clicks: 2);
        TestSilo host = await cluster.HostOfAsync(kernelId) ?? throw new Xunit.Sdk.XunitException("the kernel is not in the directory");

        Assert.Equal(0, await cluster.StopSiloAsync(host));
        CloseInfo closed = await first.WaitForCloseAsync();
        Assert.Contains("server-shutdown", closed.Description);
        MembershipSnapshot snapshot = await cluster.Membership.ReadAllAsync();
        Assert.Equal(SiloStatus.Dead, snapshot.Entries.Single(e => e.Silo.Endpoint == host.Endpoint).Status);
        Assert.DoesNotContain(await cluster.Directory.ListAsync(), a => a.Silo.Endpoint == host.Endpoint);

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(cluster.Gateways[0].WebSocketBaseUrl, kernelId, first.PageId, session);
        AppRun rerun = await second.RunAppAsync("counter");
        Assert.Equal("Clicked: 2", PersistedServer.ButtonLabel(rerun));
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_frozen_silo_that_wakes_up_as_a_zombie_has_its_write_rejected_by_the_fence_and_exits()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 1,
            new Dictionary<string, string> { ["SOLARA_STATE_FLUSH_DEBOUNCE"] = "1500ms" });
        string kernelId = RawKernelClient.NewId(), session = Guid.NewGuid().ToString();
        (RawKernelClient first, AppRun run) = await ClusterCounter.OpenAsync(cluster.Gateways[0], kernelId, session, clicks: 1);
        await ClusterCounter.PersistedAsync(cluster, kernelId, count: 1);
        TestSilo zombie = await cluster.HostOfAsync(kernelId) ?? throw new Xunit.Sdk.XunitException("the kernel is not in the directory");

        // A second click is pending in the zombie's debounce window when it freezes.
        Assert.Equal("Clicked: 2", (await first.ClickAsync(run.ButtonId)).UpdatedDescription(run.ButtonId));
        zombie.Process.Signal("STOP");
        await cluster.WaitDeclaredDeadAsync(zombie);
        await first.DisposeAsync();

        await using RawKernelClient second = await RawKernelClient.ConnectAsync(cluster.Gateways[0].WebSocketBaseUrl, kernelId, RawKernelClient.NewId(), session);
        AppRun moved = await second.RunAppAsync("counter");
        Assert.Equal("Clicked: 1", PersistedServer.ButtonLabel(moved));
        Assert.Equal("Clicked: 2", (await second.ClickAsync(moved.ButtonId)).UpdatedDescription(moved.ButtonId));
        Assert.Equal("Clicked: 3", (await second.ClickAsync(moved.ButtonId)).UpdatedDescription(moved.ButtonId));
        long? takenOver = await ClusterCounter.GenerationAsync(cluster, kernelId);

        zombie.Process.Signal("CONT");
        Task<int> exited = zombie.Process.Exited;
        if (await Task.WhenAny(exited, Task.Delay(cluster.DeathDetectionBound + TimeSpan.FromSeconds(30))) != exited)
            throw new Xunit.Sdk.XunitException("the zombie silo did not exit:\n" + zombie.Process.Output);
        int exitCode = await exited;
        Assert.Equal(3, exitCode);
        Assert.Contains("declared dead", zombie.Process.Output);
        Assert.True(zombie.Process.Output.Contains("flush result=rejected", StringComparison.Ordinal), zombie.Process.Output);
        Assert.Equal(takenOver, await ClusterCounter.GenerationAsync(cluster, kernelId));

        await using RawKernelClient third = await RawKernelClient.ConnectAsync(cluster.Gateways[0].WebSocketBaseUrl, kernelId, second.PageId, session);
        AppRun resumed = await third.RunAppAsync("counter");
        Assert.Equal("Clicked: 3", PersistedServer.ButtonLabel(resumed));
    }
}
