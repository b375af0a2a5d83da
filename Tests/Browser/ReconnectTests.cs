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

    [Fact]
    public async Task Simulated_failover_drops_the_socket_and_the_normal_reconnect_path_resumes_the_page()
    {
        // Eviction is off (SOLARA_STATE_TEST_EVICTION unset), so the kernel refuses it and stays alive.
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/counter");
        await page.Button("Clicked: 0").ClickAsync();
        await Expect(page.Button("Clicked: 1")).ToBeVisibleAsync();
        await page.RecordStatesAsync();

        string status = await page.Page.EvaluateAsync<string>("() => window.solara.debug.simulateFailover()");
        await page.WaitForStateAsync("mounted", minReconnects: 1);

        Assert.Equal("refused", status);
        Assert.Equal("disconnected", (await page.RecordedStatesAsync())[0].State);
        await page.Button("Clicked: 1").ClickAsync();
        await Expect(page.Button("Clicked: 2")).ToBeVisibleAsync();
    }
}
