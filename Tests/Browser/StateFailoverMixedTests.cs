using Solara.Apps;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using Solara.Reactive;
using Solara.Rendering;
using Solara.Samples;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

/// <summary>After a failover only opted-in state comes back: a persisted counter keeps its value,
/// a <c>UseState</c> counter beside it starts over, and no dialog is shown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StateFailoverMixedTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_persisted_counter_survives_simulateFailover_while_a_UseState_counter_resets()
    {
        await using TestServer server = await TestServer.StartAsync(PersistedServer.Settings(), [.. SampleApps.All, new MixedApp()]);
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/mixed");
        for (int i = 0; i < 2; i++)
        {
            await page.Button($"Persisted: {i}").ClickAsync();
            await Expect(page.Button($"Persisted: {i + 1}")).ToBeVisibleAsync();
            await page.Button($"Local: {i}").ClickAsync();
            await Expect(page.Button($"Local: {i + 1}")).ToBeVisibleAsync();
        }
        string kernelId = await page.KernelIdAsync();

        string evicted = await page.Page.EvaluateAsync<string>("() => window.solara.debug.simulateFailover()");

        Assert.Equal("evicted", evicted);
        Assert.Equal(KernelCloseReason.Evicted, await server.KernelClosed(kernelId).WaitAsync(TimeSpan.FromSeconds(15)));
        await page.WaitForStateAsync("mounted", minReconnects: 1);
        await Expect(page.Button("Persisted: 2")).ToBeVisibleAsync();
        await Expect(page.Button("Local: 0")).ToBeVisibleAsync();
        await Expect(page.Overlay).ToBeHiddenAsync();
        await Expect(page.Page.GetByText("Could not restore session")).ToHaveCountAsync(0);
    }

    private sealed class MixedApp : SolaraApp
    {
        private static readonly Reactive<int> Persisted = new(0, key: "tests.browser.mixed.persisted");

        public override string Name => "mixed";
        public override string Title => "Mixed state (test)";

        public override Element Render(RenderContext context) => Component.Of(Page);

        private static Element Page()
        {
            (int local, Action<int> setLocal) = Hooks.UseState(0);
            return UI.Row(
                UI.Button($"Persisted: {Persisted.Value}", () => Persisted.Value++),
                UI.Button($"Local: {local}", () => setLocal(local + 1)));
        }
    }
}
