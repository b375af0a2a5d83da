namespace Solara.Orleans.Tests.Cluster;

/// <summary><c>deploy/local-cluster.sh</c> as an operator uses it: idempotent <c>up</c>, <c>kill-silo</c>,
/// <c>status</c>, and a clear failure when a part cannot start.</summary>
public sealed class LocalClusterScriptTests
{
    [Fact]
    public async Task Up_starts_only_what_is_not_running_and_status_shows_each_part()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync();
        Assert.Matches(@"(?m)^already up: ", await cluster.UpAsync());

        string killed = await cluster.KillSiloAsync(2);

        Assert.Contains("silo2 (pid", killed, StringComparison.Ordinal);
        string status = await cluster.StatusAsync();
        Assert.Matches(@"(?m)^silo2 +- +\d+ +stopped$", status);
        Assert.Matches(@"(?m)^silo1 +\d+ +\d+ +ready$", status);
        Assert.Matches(@"(?m)^nginx +\d+ +\d+ +ready$", status);
        Assert.Matches(@"(?m)^started silo2: ", await cluster.UpAsync());
        Assert.Matches(@"(?m)^silo2 +\d+ +\d+ +ready$", await cluster.StatusAsync());
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(cluster.BaseUrl + "/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_silo_that_refuses_its_settings_fails_up_with_its_exit_code_the_setting_and_its_log()
    {
        await using LocalCluster cluster = LocalCluster.Create(new Dictionary<string, string> { ["SOLARA_CLUSTER_LEASE"] = "100ms" });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(cluster.UpAsync);

        Assert.Contains("silo1 exited with code 2 before it was ready (misconfiguration", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SOLARA_CLUSTER_LEASE", failure.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(cluster.RunDirectory, "logs", "silo1.log"), failure.Message, StringComparison.Ordinal);
    }
}
