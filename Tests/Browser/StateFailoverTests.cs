using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

/// <summary>What a person sees on a simulated failover with the memory backend: the page remounts
/// in place and the persisted counter is still there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StateFailoverTests(BrowserFixture browser)
{
    [Fact]
    public async Task Persisted_counter_survives_simulateFailover_and_the_page_remounts()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/counter");
        for (int i = 0; i < 3; i++)
        {
            await page.Button($"Clicked: {i}").ClickAsync();
            await Expect(page.Button($"Clicked: {i + 1}")).ToBeVisibleAsync();
        }
        string kernelId = await page.KernelIdAsync();
        await page.RecordStatesAsync();

        string evicted = await page.Page.EvaluateAsync<string>("() => window.solara.debug.simulateFailover()");

        Assert.Equal("evicted", evicted);
        Assert.Equal(KernelCloseReason.Evicted, await server.KernelClosed(kernelId).WaitAsync(TimeSpan.FromSeconds(15)));
        await page.WaitForStateAsync("mounted", minReconnects: 1);
        var states = await page.RecordedStatesAsync();
        Assert.Contains(("restoring", "Restoring session…"), states);
        Assert.Equal(kernelId, await page.KernelIdAsync());
        await Expect(page.Page.Locator("#solara-app .jupyter-button")).ToHaveCountAsync(1);
        await Expect(page.Button("Clicked: 3")).ToBeVisibleAsync();
        await Expect(page.Overlay).ToBeHiddenAsync();
        await page.Button("Clicked: 3").ClickAsync();
        await Expect(page.Button("Clicked: 4")).ToBeVisibleAsync();
        Assert.Equal(2L, server.Silo.Find(kernelId)!.State!.Generation);
    }
}
