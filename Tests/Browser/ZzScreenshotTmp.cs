using Solara.Orleans.Tests.Infrastructure;
namespace Solara.Orleans.Tests.Browser;
[Collection(BrowserCollection.Name)]
public sealed class ZzScreenshotTmp(BrowserFixture browser)
{
    [Fact]
    public async Task Shot()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.Page.SetViewportSizeAsync(1000, 500);
        await page.OpenAppAsync("/counter");
        await page.Button("Clicked: 0").ClickAsync();
        await page.Button("Clicked: 1").HoverAsync();
        await page.Page.ScreenshotAsync(new() { Path = "/tmp/shot-counter.png" });
        await page.Page.GotoAsync("/probe");
        await page.WaitForStateAsync("mounted");
        await page.Page.ScreenshotAsync(new() { Path = "/tmp/shot-probe.png" });
        await page.Page.EvaluateAsync("() => window.solara.debug.dropSocket()");
        await page.WaitForStateAsync("mounted", 1);
        await page.Page.GotoAsync("/failing");
        await page.Page.WaitForTimeoutAsync(1500);
        await page.Page.ScreenshotAsync(new() { Path = "/tmp/shot-failing.png" });
        await page.Page.EvaluateAsync("() => { document.getElementById('solara-overlay')?.remove(); }");
        System.IO.File.WriteAllText("/tmp/shot-console.txt", page.ConsoleLog);
    }
}
