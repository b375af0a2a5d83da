using Microsoft.Playwright;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using Solara.Samples.Explorer;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser.Samples;

/// <summary>The explorer persists only the place picked; after a simulated failover the page
/// remounts showing the same city with its country and continent, and keeps working.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerFailoverTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_picked_city_survives_simulateFailover_with_its_country_and_continent()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/explorer");
        await Select(page, "Continent").SelectOptionAsync("Europe");
        await Select(page, "Country").SelectOptionAsync("France");
        await Select(page, "City").SelectOptionAsync("Lyon");
        await Expect(SummaryTitle(page)).ToHaveTextAsync("Europe › France › Lyon");
        string kernelId = await page.KernelIdAsync();
        await page.RecordStatesAsync();

        string evicted = await page.Page.EvaluateAsync<string>("() => window.solara.debug.simulateFailover()");

        Assert.Equal("evicted", evicted);
        Assert.Equal(KernelCloseReason.Evicted, await server.KernelClosed(kernelId).WaitAsync(TimeSpan.FromSeconds(15)));
        await page.WaitForStateAsync("mounted", minReconnects: 1);
        Assert.Contains(("restoring", "Restoring session…"), await page.RecordedStatesAsync());
        Assert.Equal(kernelId, await page.KernelIdAsync());
        Assert.Equal(2L, server.Silo.Find(kernelId)!.State!.Generation);
        await Expect(Select(page, "Continent")).ToHaveValueAsync("Europe");
        await Expect(Select(page, "Country")).ToHaveValueAsync("France");
        await Expect(Select(page, "City")).ToHaveValueAsync("Lyon");
        await Expect(Options(page, "Country")).ToHaveTextAsync(Geography.CountriesIn("Europe").ToArray());
        await Expect(Options(page, "City")).ToHaveTextAsync(Geography.CitiesIn("France").Select(c => c.Name).ToArray());
        await Expect(SummaryTitle(page)).ToHaveTextAsync("Europe › France › Lyon");
        await Expect(page.Overlay).ToBeHiddenAsync();
        await Expect(page.Page.GetByText("Could not restore session")).ToHaveCountAsync(0);

        // The restored page is live: a new pick still answers.
        await Select(page, "City").SelectOptionAsync("Marseille");
        await Expect(SummaryTitle(page)).ToHaveTextAsync("Europe › France › Marseille");
    }

    private static ILocator Select(BrowserPage page, string label) => page.Page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    private static ILocator Options(BrowserPage page, string label) => Select(page, label).Locator("option");

    private static ILocator SummaryTitle(BrowserPage page) => page.Page.Locator(".solara-card .solara-card-title");
}
