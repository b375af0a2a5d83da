using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Solara.Orleans.Abstractions.Kernels;
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
        await gate.InstallAsync(page.Page);
        await page.OpenAppAsync("/counter");
        await page.Button("Clicked: 0").ClickAsync();
        await Expect(page.Button("Clicked: 1")).ToBeVisibleAsync();
        string kernelId = await page.KernelIdAsync();

        // Keep the page away until the server has culled its kernel.
        gate.Close();
        server.DropAllSockets();
        Assert.Equal(KernelCloseReason.Cull, await server.KernelClosed(kernelId).WaitAsync(TimeSpan.FromSeconds(15)));
        var freshKernelClosed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Silo.KernelClosed += (id, reason) =>
        {
            if (id == kernelId)
                freshKernelClosed.TrySetResult(reason);
        };
        gate.Open();

        await page.WaitForStateAsync("gave-up");
        // The reconnect created a fresh kernel under the same id; giving up shuts it down.
        Assert.Equal(KernelCloseReason.Shutdown, await freshKernelClosed.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await Expect(page.Overlay).ToContainTextAsync("Could not restore session. Please refresh.");
        var refresh = page.Overlay.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Refresh" });
        await Expect(refresh).ToBeVisibleAsync();

        await refresh.ClickAsync();
        await page.WaitForStateAsync("mounted");
        await Expect(page.Button("Clicked: 0")).ToBeVisibleAsync();
        Assert.NotEqual(kernelId, await page.KernelIdAsync());
    }

    [Fact]
    public async Task Reconnecting_to_a_kernel_that_can_recover_remounts_the_app_under_Restoring_session()
    {
        // This server has no state backend, so its app-status never says canRecover; the gate says it instead
        // (StateFailoverTests covers the real remount with the memory backend).
        await using TestServer server = await TestServer.StartAsync(new Dictionary<string, string> { ["SOLARA_KERNEL_CULL_TIMEOUT"] = "1s" });
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        var gate = new SocketGate(ClaimRecoverable);
        await gate.InstallAsync(page.Page);
        await page.OpenAppAsync("/counter");
        await page.Button("Clicked: 0").ClickAsync();
        await Expect(page.Button("Clicked: 1")).ToBeVisibleAsync();
        string kernelId = await page.KernelIdAsync();
        await page.RecordStatesAsync();

        gate.Close();
        server.DropAllSockets();
        await server.KernelClosed(kernelId).WaitAsync(TimeSpan.FromSeconds(15));
        gate.Open();

        await page.WaitForStateAsync("mounted", minReconnects: 1);
        var states = await page.RecordedStatesAsync();
        Assert.Contains(("restoring", "Restoring session…"), states);
        Assert.Equal("mounted", states[^1].State);
        Assert.Equal(kernelId, await page.KernelIdAsync());
        await Expect(page.Page.Locator("#solara-app .jupyter-button")).ToHaveCountAsync(1);
        await page.Button("Clicked: 0").ClickAsync();
        await Expect(page.Button("Clicked: 1")).ToBeVisibleAsync();
        await Expect(page.Overlay).ToBeHiddenAsync();
    }

    private static JsonObject ClaimRecoverable(JsonObject message)
    {
        if (message["content"]?["data"] is JsonObject data && (string?)data["method"] == "app-status")
            data["canRecover"] = true;
        return message;
    }
}
