using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class GalleryTests(BrowserFixture browser)
{
    [Fact]
    public async Task Gallery_links_to_the_counter_and_the_link_opens_the_app()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);

        await page.Page.GotoAsync("/");
        var link = page.Page.Locator("a[href='/counter']");
        await Expect(link).ToHaveTextAsync("Counter");
        await Expect(page.Page.GetByText("A button whose label counts its clicks.")).ToBeVisibleAsync();

        await link.ClickAsync();

        await page.Page.WaitForURLAsync("**/counter");
        await page.WaitForStateAsync("mounted");
        await Expect(page.Button("Clicked: 0")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("a[href='/']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Unknown_app_shows_the_not_found_page()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);

        var response = await page.Page.GotoAsync("/no-such-app");

        Assert.Equal(404, response!.Status);
        await Expect(page.Page.GetByText("There is no app at")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("a[href='/']").First).ToBeVisibleAsync();
    }
}
