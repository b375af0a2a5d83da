using Microsoft.Playwright;
using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class CounterAppTests(BrowserFixture browser)
{
    [Fact]
    public async Task Production_mode_serves_the_minified_bundle_and_the_app_works()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_MODE"] = "production" });
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);

        await page.OpenAppAsync("/counter");
        await page.Button("Clicked: 0").ClickAsync();

        await Expect(page.Button("Clicked: 1")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("script[src^='/_solara/static/solara-client.min.js']")).ToHaveCountAsync(1);
        Assert.True(await page.Page.EvaluateAsync<bool>("() => JSON.parse(document.getElementById('solara-config').textContent).production"));
    }
}
