using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser.Samples;

/// <summary>The counter sample, used as a visitor would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterSampleTests(BrowserFixture browser)
{
    [Fact]
    public async Task Three_clicks_read_Clicked_3()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/counter");

        for (int clicks = 0; clicks < 3; clicks++)
        {
            await page.Button($"Clicked: {clicks}").ClickAsync();
            await Expect(page.Button($"Clicked: {clicks + 1}")).ToBeVisibleAsync();
        }

        await Expect(page.Button("Clicked: 3")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Two_pages_count_separately()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage first = await browser.NewPageAsync(server.BaseUrl);
        await using BrowserPage second = await browser.NewPageAsync(server.BaseUrl);
        await first.OpenAppAsync("/counter");
        await second.OpenAppAsync("/counter");

        await first.Button("Clicked: 0").ClickAsync();
        await Expect(first.Button("Clicked: 1")).ToBeVisibleAsync();
        await first.Button("Clicked: 1").ClickAsync();
        await Expect(first.Button("Clicked: 2")).ToBeVisibleAsync();
        await second.Button("Clicked: 0").ClickAsync();

        await Expect(second.Button("Clicked: 1")).ToBeVisibleAsync();
        await Expect(first.Button("Clicked: 2")).ToBeVisibleAsync();
    }
}
