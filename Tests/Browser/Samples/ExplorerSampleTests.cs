using Microsoft.Playwright;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Samples.Explorer;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser.Samples;

/// <summary>The data explorer sample: each pick fills the select below it from the bundled data,
/// the summary follows, and a new continent clears the country and city picked under the old one.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerSampleTests(BrowserFixture browser)
{
    [Fact]
    public async Task Picking_continent_country_and_city_fills_each_next_select_and_updates_the_summary()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/explorer");
        await Expect(SummaryTitle(page)).ToHaveTextAsync("World");
        await Expect(Options(page, "Continent")).ToHaveTextAsync(Geography.Continents.ToArray());
        await Expect(Select(page, "Country")).ToBeDisabledAsync();
        await Expect(Options(page, "Country")).ToHaveCountAsync(0);

        await Select(page, "Continent").SelectOptionAsync("Europe");

        await Expect(Options(page, "Country")).ToHaveTextAsync(Geography.CountriesIn("Europe").ToArray());
        await Expect(Select(page, "Country")).ToBeEnabledAsync();
        await Expect(Select(page, "City")).ToBeDisabledAsync();
        await Expect(SummaryTitle(page)).ToHaveTextAsync("Europe");
        await Expect(Summary(page)).ToContainTextAsync("Germany");
        await Expect(Summary(page)).ToContainTextAsync("of the listed population of the world");

        await Select(page, "Country").SelectOptionAsync("France");

        await Expect(Options(page, "City")).ToHaveTextAsync(Geography.CitiesIn("France").Select(c => c.Name).ToArray());
        await Expect(SummaryTitle(page)).ToHaveTextAsync("Europe › France");
        await Expect(Summary(page)).ToContainTextAsync("Marseille");
        await Expect(Summary(page)).ToContainTextAsync("of the listed population of Europe");

        await Select(page, "City").SelectOptionAsync("Lyon");

        await Expect(SummaryTitle(page)).ToHaveTextAsync("Europe › France › Lyon");
        await Expect(Summary(page)).ToContainTextAsync("520,000");
        await Expect(Summary(page)).Not.ToContainTextAsync("Marseille");
        await Expect(Summary(page)).ToContainTextAsync("of the listed population of France");
        await Expect(Select(page, "Continent")).ToHaveValueAsync("Europe");
        await Expect(Select(page, "Country")).ToHaveValueAsync("France");
        await Expect(Select(page, "City")).ToHaveValueAsync("Lyon");
    }

    [Fact]
    public async Task Picking_another_continent_resets_the_country_and_the_city()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/explorer");
        await Select(page, "Continent").SelectOptionAsync("South America");
        await Select(page, "Country").SelectOptionAsync("Venezuela");
        await Select(page, "City").SelectOptionAsync("Valencia");
        await Expect(SummaryTitle(page)).ToHaveTextAsync("South America › Venezuela › Valencia");

        await Select(page, "Continent").SelectOptionAsync("Asia");

        await Expect(SummaryTitle(page)).ToHaveTextAsync("Asia");
        await Expect(Options(page, "Country")).ToHaveTextAsync(Geography.CountriesIn("Asia").ToArray());
        await Expect(Select(page, "Country")).ToHaveValueAsync("");
        await Expect(Options(page, "City")).ToHaveCountAsync(0);
        await Expect(Select(page, "City")).ToBeDisabledAsync();

        await Select(page, "Country").SelectOptionAsync("Japan");

        await Expect(Options(page, "City")).ToHaveTextAsync(Geography.CitiesIn("Japan").Select(c => c.Name).ToArray());
        await Expect(Select(page, "City")).ToHaveValueAsync("");
        await Expect(SummaryTitle(page)).ToHaveTextAsync("Asia › Japan");
    }

    private static ILocator Select(BrowserPage page, string label) => page.Page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    private static ILocator Options(BrowserPage page, string label) => Select(page, label).Locator("option");

    private static ILocator Summary(BrowserPage page) => page.Page.Locator(".solara-card");

    private static ILocator SummaryTitle(BrowserPage page) => Summary(page).Locator(".solara-card-title");
}
