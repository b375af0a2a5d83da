using Microsoft.Playwright;
using Solara.Orleans.Tests.Cluster.Support;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

/// <summary>The dashboard of a local cluster (two silo processes, one gateway) in Chromium: both silos are
/// shown, and after one is SIGKILLed the dashboard alone tells which silo died and that its kernels were
/// restored on the survivor.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardClusterTests(BrowserFixture browser, RedisServerFixture redis, ITestOutputHelper output) : IClassFixture<RedisServerFixture>
{
    private const int Kernels = 4;

    [Fact]
    public async Task The_dashboard_shows_both_silos_then_which_one_died_and_that_its_kernels_were_restored()
    {
        await using TestCluster cluster = await TestCluster.StartAsync(redis, silos: 2, gateways: 1);
        TestGateway gateway = cluster.Gateways[0];
        var pages = new List<(RawKernelClient Client, string Session)>();
        for (int i = 0; i < Kernels; i++)
        {
            string session = Guid.NewGuid().ToString();
            (RawKernelClient client, _) = await ClusterCounter.OpenAsync(gateway, RawKernelClient.NewId(), session, clicks: 2);
            await ClusterCounter.PersistedAsync(cluster, client.KernelId);
            pages.Add((client, session));
        }
        await using BrowserPage page = await browser.NewPageAsync(gateway.BaseUrl);
        await page.Page.SetViewportSizeAsync(1400, 1000);
        await page.Page.GotoAsync("/dashboard");
        foreach (TestSilo silo in cluster.Silos)
            await Expect(SiloStatus(page.Page, silo)).ToHaveTextAsync("Active");
        await Expect(page.Page.Locator("#health")).ToContainTextAsync("2 silos healthy");
        await using (CounterLoad load = await CounterLoad.StartAsync(gateway.WebSocketBaseUrl, clients: 3))
            await page.Page.WaitForFunctionAsync("() => parseFloat(document.getElementById('rate-in-now').textContent) > 5");

        // The silo hosting the most kernels dies; its kernels' pages reconnect through the gateway.
        var hosts = new Dictionary<string, TestSilo>();
        foreach ((RawKernelClient client, _) in pages)
            hosts[client.KernelId] = await cluster.HostOfAsync(client.KernelId) ?? throw new Xunit.Sdk.XunitException("a kernel is not in the directory");
        TestSilo victim = hosts.Values.GroupBy(s => s.Endpoint).OrderByDescending(g => g.Count()).First().First();
        TestSilo survivor = cluster.Silos.Single(s => s.Endpoint != victim.Endpoint);
        (RawKernelClient Client, string Session)[] moved = [.. pages.Where(p => hosts[p.Client.KernelId].Endpoint == victim.Endpoint)];
        await cluster.KillSiloAsync(victim);

        var reconnected = new List<RawKernelClient>();
        foreach ((RawKernelClient client, string session) in moved)
        {
            await client.WaitForCloseAsync();
            RawKernelClient again = await RawKernelClient.ConnectAsync(gateway.WebSocketBaseUrl, client.KernelId, client.PageId, session);
            reconnected.Add(again);
            Assert.Equal("success", (string?)(await again.AppStatusAsync())["lastRestore"]?["status"]);
        }

        await Expect(SiloStatus(page.Page, victim)).ToHaveTextAsync("Dead", new() { Timeout = (float)(cluster.DeathDetectionBound + TimeSpan.FromSeconds(10)).TotalMilliseconds });
        await Expect(SiloStatus(page.Page, survivor)).ToHaveTextAsync("Active");
        await Expect(page.Page.Locator("#health")).ToContainTextAsync($"1 of 2 silos healthy — {victim.Endpoint}@");
        await Expect(page.Page.Locator("#events")).ToContainTextAsync($"silo {victim.Endpoint}@");
        await Expect(page.Page.Locator("#events li", new() { HasTextString = $"silo {survivor.Endpoint}@" }).Filter(new() { HasTextString = "restored" })).Not.ToHaveCountAsync(0);
        await Expect(page.Page.Locator($"#state-silos tr[data-silo^='{survivor.Endpoint}@'] td").Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{moved.Length} / "));

        string screenshot = Path.Combine(AppContext.BaseDirectory, "dashboard-cluster.png");
        await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"cluster dashboard screenshot: {screenshot} (killed {victim.Endpoint}, {moved.Length} kernels restored on {survivor.Endpoint})");

        foreach (RawKernelClient client in reconnected)
            await client.DisposeAsync();
        foreach ((RawKernelClient client, _) in pages)
            await client.DisposeAsync();
    }

    private static ILocator SiloStatus(IPage page, TestSilo silo) => page.Locator($"#silos tr[data-silo^='{silo.Endpoint}@'] td.status");
}
