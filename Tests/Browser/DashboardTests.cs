using Microsoft.Playwright;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using Solara.Orleans.Tests.Integration.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

/// <summary>The operations dashboard in Chromium against the embedded server: it renders the silo, its
/// message rate rises under a load of raw protocol clients clicking the counter, it pauses while the tab
/// is hidden, and in production it opens only with the token.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Token = "browser-dashboard-token";

    [Fact]
    public async Task The_dashboard_shows_the_silo_and_its_message_rate_rises_under_load()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.Page.SetViewportSizeAsync(1400, 1000);

        await page.Page.GotoAsync("/dashboard");

        ILocator silo = page.Page.Locator($"#silos tr[data-silo='{server.Silo.Address}']");
        await Expect(silo.Locator("td.status")).ToHaveTextAsync("Active");
        await Expect(page.Page.Locator("#health")).ToContainTextAsync("1 silo healthy");
        await Expect(page.Page.Locator("#status")).ToHaveTextAsync("live");
        await page.Page.WaitForFunctionAsync("() => window.solaraDashboard.points.length >= 1");
        double before = await page.Page.EvaluateAsync<double>("() => window.solaraDashboard.points.at(-1).in_total");

        await using (var load = await CounterLoad.StartAsync(server, clients: 3))
        {
            await page.Page.WaitForFunctionAsync("limit => parseFloat(document.getElementById('rate-in-now').textContent) > limit", before + 5);
            await Expect(silo.Locator("td.kernels")).ToContainTextAsync("3 (3 / 0)");
            await Expect(page.Page.Locator("#chart-in path.series")).Not.ToHaveCountAsync(0);
            await page.Page.WaitForFunctionAsync("() => window.solaraDashboard.points.filter(p => p.in_total > 0).length >= 3");
            string screenshot = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
            await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            output.WriteLine($"dashboard screenshot: {screenshot} (clicks so far: {load.Clicks})");
            Assert.True(load.Clicks > 0);

            await page.Page.Locator($"#kernels button[data-kernel='{load.KernelIds[0]}']").ClickAsync();
            await Expect(page.Page.Locator("#kernel-view")).ToContainTextAsync(server.Silo.Address.ToString());
            await Expect(page.Page.Locator("#kernel-view table[aria-label='Persisted keys']")).ToContainTextAsync(PersistedServer.CounterKey);
            await Expect(page.Page.Locator("#kernel-view table[aria-label='Pages']")).ToContainTextAsync("connected");
        }
    }

    [Fact]
    public async Task A_hidden_tab_stops_polling_and_a_visible_one_resumes()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        int polls = 0;
        page.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/dashboard/data", StringComparison.Ordinal))
                Interlocked.Increment(ref polls);
        };
        await page.Page.GotoAsync("/dashboard");
        await Expect(page.Page.Locator("#status")).ToHaveTextAsync("live");

        await SetHiddenAsync(page.Page, hidden: true);
        await Expect(page.Page.Locator("#status")).ToHaveTextAsync("paused (tab hidden)");
        int atHide = Volatile.Read(ref polls);
        // Three poll intervals with the tab hidden: at most the request already in flight may land.
        await page.Page.WaitForTimeoutAsync(3000);
        Assert.InRange(Volatile.Read(ref polls) - atHide, 0, 1);

        await SetHiddenAsync(page.Page, hidden: false);
        await Expect(page.Page.Locator("#status")).ToHaveTextAsync("live");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Volatile.Read(ref polls) < atHide + 3 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(Volatile.Read(ref polls) >= atHide + 3, $"polling did not resume: {Volatile.Read(ref polls) - atHide} requests after the tab became visible");
    }

    [Fact]
    public async Task In_production_the_dashboard_opens_only_with_the_token_and_then_shows_the_silo()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_MODE"] = "production", ["SOLARA_DASHBOARD_TOKEN"] = Token });
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);

        Assert.Equal(401, (await page.Page.GotoAsync("/dashboard"))!.Status);
        Assert.Equal(403, (await page.Page.GotoAsync("/dashboard?token=wrong"))!.Status);
        IResponse? granted = await page.Page.GotoAsync($"/dashboard?token={Token}");

        Assert.Equal(200, granted!.Status);
        Assert.EndsWith("/dashboard", page.Page.Url);
        await Expect(page.Page.Locator($"#silos tr[data-silo='{server.Silo.Address}'] td.status")).ToHaveTextAsync("Active");
        Assert.DoesNotContain(Token, await page.Page.EvaluateAsync<string>("() => document.cookie"));
    }

    private static Task SetHiddenAsync(IPage page, bool hidden) => page.EvaluateAsync("""
        hidden => {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
          document.dispatchEvent(new Event('visibilitychange'));
        }
        """, hidden);
}
