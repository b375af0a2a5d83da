using Microsoft.Playwright;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser;

/// <summary>A tampered envelope: the page asks for a refresh once, the poisoned hash is gone, and the
/// refresh starts cleanly.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StateTamperTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_tampered_envelope_shows_the_refresh_dialog_once_and_the_poisoned_hash_is_gone()
    {
        await using TestServer server = await PersistedServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        var gate = new SocketGate();
        await gate.InstallAsync(page.Page);
        await page.OpenAppAsync("/counter");
        await page.Button("Clicked: 0").ClickAsync();
        await Expect(page.Button("Clicked: 1")).ToBeVisibleAsync();
        string kernelId = await page.KernelIdAsync();

        // The page is kept away while its kernel is evicted (state flushed) and its envelope tampered with.
        gate.Close();
        server.DropAllSockets();
        var kernel = server.Silo.Find(kernelId)!;
        kernel.Mailbox.Post(() => kernel.Close(KernelCloseReason.Evicted));
        Assert.Equal(KernelCloseReason.Evicted, await server.KernelClosed(kernelId).WaitAsync(TimeSpan.FromSeconds(15)));
        string session = kernel.SessionId;
        byte[] envelope = server.Backend().ReadHash(kernelId)![PersistedServer.CounterField];
        envelope[^1] ^= 0x01;
        long generation = (await server.Backend().PeekGenerationAsync(kernelId))!.Value;
        await server.Backend().FlushAsync(kernelId, generation, new Dictionary<string, byte[]> { [PersistedServer.CounterField] = envelope },
            new StateSigningKeys([PersistedServer.Secret]).SessionHmac(session), server.Persistence().Options.EffectiveSchemaTag, TimeSpan.FromMinutes(5));
        gate.Open();

        await page.WaitForStateAsync("gave-up");
        await Expect(page.Overlay).ToContainTextAsync("Could not restore session. Please refresh.");
        Assert.Null(server.Backend().ReadHash(kernelId));
        Assert.Single(server.Logs.Matching($"restore result=bailout kernel={kernelId}"));

        await page.Overlay.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Refresh" }).ClickAsync();
        await page.WaitForStateAsync("mounted");
        await Expect(page.Button("Clicked: 0")).ToBeVisibleAsync();
        await Expect(page.Overlay).ToBeHiddenAsync();
    }
}
