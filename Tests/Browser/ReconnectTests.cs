using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture browser)
{
    [Fact]
    public async Task Dropped_socket_shows_Server_disconnected_then_resumes_the_same_kernel()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/counter");
        for (int i = 1; i <= 3; i++)
        {
            await page.Button($"Clicked: {i - 1}").ClickAsync();
            await Expect(page.Button($"Clicked: {i}")).ToBeVisibleAsync();
        }
        string kernelId = await page.KernelIdAsync();
        await page.RecordStatesAsync();

        Assert.True(server.DropAllSockets() >= 1, "the server had no socket to drop");
        await page.WaitForStateAsync("mounted", minReconnects: 1);

        var states = await page.RecordedStatesAsync();
        Assert.Equal(("disconnected", "Server disconnected"), states[0]);
        Assert.Equal("mounted", states[^1].State);
        Assert.Equal(kernelId, await page.KernelIdAsync());
        Assert.False(server.KernelClosed(kernelId).IsCompleted, "the kernel closed although the page came back");

        await page.Button("Clicked: 3").ClickAsync();
        await Expect(page.Button("Clicked: 4")).ToBeVisibleAsync();
        await Expect(page.Overlay).ToBeHiddenAsync();
    }
}
