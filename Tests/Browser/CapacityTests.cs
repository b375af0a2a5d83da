using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class CapacityTests(BrowserFixture browser)
{
    [Fact]
    public async Task At_capacity_the_page_says_so_and_mounts_once_another_page_leaves()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNELS_MAX_COUNT"] = "1" });
        await using BrowserPage first = await browser.NewPageAsync(server.BaseUrl);
        await using BrowserPage second = await browser.NewPageAsync(server.BaseUrl);
        await first.OpenAppAsync("/counter");
        string firstKernel = await first.KernelIdAsync();

        await second.Page.GotoAsync("/counter");
        await second.WaitForStateAsync("capacity");
        await Expect(second.Overlay).ToContainTextAsync("The server is at capacity");

        // Leaving the page sends the close beacon, which closes its kernel at once and frees the slot.
        await first.Page.GotoAsync("/");
        Assert.Equal("page-close", await server.KernelClosed(firstKernel).WaitAsync(TimeSpan.FromSeconds(15)));

        await second.WaitForStateAsync("mounted");
        await Expect(second.Overlay).ToBeHiddenAsync();
        await second.Button("Clicked: 0").ClickAsync();
        await Expect(second.Button("Clicked: 1")).ToBeVisibleAsync();
    }
}
