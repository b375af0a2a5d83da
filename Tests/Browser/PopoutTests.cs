using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PopoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_page_opened_with_kernelid_shows_the_running_app_and_shares_its_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage main = await browser.NewPageAsync(server.BaseUrl);
        await main.OpenAppAsync("/counter");
        await main.Button("Clicked: 0").ClickAsync();
        await Expect(main.Button("Clicked: 1")).ToBeVisibleAsync();
        string kernelId = await main.KernelIdAsync();

        // Same browser context: same session cookie, as a popout window would have.
        var popout = new BrowserPage(main.Context, await main.Context.NewPageAsync());
        await popout.OpenAppAsync($"/counter?kernelid={kernelId}");

        Assert.Equal(kernelId, await popout.KernelIdAsync());
        await popout.Button("Clicked: 1").ClickAsync();
        await Expect(popout.Button("Clicked: 2")).ToBeVisibleAsync();
        await Expect(main.Button("Clicked: 2")).ToBeVisibleAsync();
    }
}
