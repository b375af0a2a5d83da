using Solara.Apps;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Rendering;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

/// <summary>A button with an icon is still named by its label for assistive technology.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IconButtonTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_button_with_an_icon_is_found_by_its_label_alone()
    {
        await using TestServer server = await TestServer.StartAsync(apps: [new IconApp()]);
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);

        await page.OpenAppAsync("/icons");

        await Expect(page.Button("Play")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("#solara-app i.fa-play")).ToHaveAttributeAsync("aria-hidden", "true");
    }

    private sealed class IconApp : SolaraApp
    {
        public override string Name => "icons";
        public override string Title => "Icons (test)";

        public override Element Render(RenderContext context) => UI.Button("Play", icon: "play");
    }
}
