using Microsoft.Playwright;
using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SessionLossTests(BrowserFixture browser)
{
    [Fact]
    public async Task Reconnecting_after_the_kernel_was_culled_asks_for_a_refresh_and_refresh_starts_over()
    {
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNEL_CULL_TIMEOUT"] = "1s" });
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        var gate = new SocketGate();
        await page.Page.RouteWebSocketAsync("**/jupyter/api/kernels/*/channels*", gate.Handle);
        await page.OpenAppAsync("/counter");
        await page.Button("Clicked: 0").ClickAsync();
        await Expect(page.Button("Clicked: 1")).ToBeVisibleAsync();
        string kernelId = await page.KernelIdAsync();

        // Keep the page away until the server has culled its kernel.
        gate.Close();
        server.DropAllSockets();
        Assert.Equal("cull", await server.KernelClosed(kernelId).WaitAsync(TimeSpan.FromSeconds(15)));
        gate.Open();

        await page.WaitForStateAsync("gave-up");
        await Expect(page.Overlay).ToContainTextAsync("Could not restore session. Please refresh.");
        var refresh = page.Overlay.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Refresh" });
        await Expect(refresh).ToBeVisibleAsync();

        await refresh.ClickAsync();
        await page.WaitForStateAsync("mounted");
        await Expect(page.Button("Clicked: 0")).ToBeVisibleAsync();
        Assert.NotEqual(kernelId, await page.KernelIdAsync());
    }

    /// <summary>Lets kernel sockets through to the server, or (while closed) refuses them as an unreachable server would.</summary>
    private sealed class SocketGate
    {
        private volatile bool _open = true;

        public void Open() => _open = true;

        public void Close() => _open = false;

        public void Handle(IWebSocketRoute route)
        {
            if (_open)
                route.ConnectToServer();
            else
                _ = route.CloseAsync(new WebSocketRouteCloseOptions { Code = 1011, Reason = "test gate closed" });
        }
    }
}
