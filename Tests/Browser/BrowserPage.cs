using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Solara.Orleans.Tests.Browser;

/// <summary>
/// A page running the Solara client, with what tests need: the client's state and ids
/// (<c>window.solara</c>), the widgets by what a user sees, and the page's console for failure messages.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _console = new();

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) => _console.Enqueue($"[{message.Type}] {message.Text}");
        page.PageError += (_, error) => _console.Enqueue($"[pageerror] {error}");
    }

    public IPage Page { get; }

    public IBrowserContext Context => _context;

    /// <summary>What the page logged so far, to explain a failure.</summary>
    public string ConsoleLog => string.Join('\n', _console);

    public Task<string> KernelIdAsync() => Page.EvaluateAsync<string>("() => window.solara.kernelId");

    public Task<string> StateAsync() => Page.EvaluateAsync<string>("() => window.solara.state");

    /// <summary>Opens an app page and waits until the client has mounted the app.</summary>
    public async Task OpenAppAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForStateAsync("mounted");
    }

    /// <summary>Waits until <c>window.solara.state</c> is <paramref name="state"/> (and, optionally, enough reconnects were decided).</summary>
    public async Task WaitForStateAsync(string state, int minReconnects = 0)
    {
        try
        {
            await Page.WaitForFunctionAsync(
                "([state, n]) => window.solara !== undefined && window.solara.state === state && window.solara.reconnects >= n",
                new object[] { state, minReconnects });
        }
        catch (TimeoutException e)
        {
            string actual = await Page.EvaluateAsync<string>("() => window.solara ? window.solara.state + ' after ' + window.solara.reconnects + ' reconnects' : 'no client'");
            throw new TimeoutException($"Page never reached state '{state}' (reconnects >= {minReconnects}); it is {actual}.\nConsole:\n{ConsoleLog}", e);
        }
    }

    /// <summary>Starts recording every client state change, with the overlay text shown at that moment.</summary>
    public Task RecordStatesAsync() => Page.EvaluateAsync("""
        () => {
          window.__solaraStates = [];
          window.addEventListener('solara:state', event => {
            const overlay = document.getElementById('solara-overlay');
            const shown = overlay && !overlay.hidden ? overlay.querySelector('.solara-overlay-title').textContent : '';
            window.__solaraStates.push({ state: event.detail, overlay: shown });
          });
        }
        """);

    public async Task<IReadOnlyList<(string State, string Overlay)>> RecordedStatesAsync()
    {
        string[] states = await Page.EvaluateAsync<string[]>("() => window.__solaraStates.map(s => s.state + '|' + s.overlay)");
        return states.Select(s => s.Split('|', 2)).Select(p => (p[0], p[1])).ToList();
    }

    /// <summary>The widget button whose label is <paramref name="label"/>.</summary>
    public ILocator Button(string label) => Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = label, Exact = true });

    public ILocator Overlay => Page.Locator("#solara-overlay");

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
