using System.Diagnostics;
using Microsoft.Playwright;
using Solara.Orleans.Benchmarks.Load;
using Solara.Orleans.Benchmarks.Suite;
using Solara.Orleans.Benchmarks.Targets;

namespace Solara.Orleans.Benchmarks.Comparison;

/// <summary>The same headless Chromium opens the counter on this server and on the LiveViewJS peer
/// (one browser context per page, so one session each), then every page clicks once a second,
/// timing click → new label in the page itself. Server memory growth is divided by the sessions.</summary>
public sealed class PeerComparison(SuiteOptions options, TextWriter log)
{
    private const string Chromium = "/usr/bin/chromium";
    private const int LoadConcurrency = 4;
    private const int WarmupPages = 20;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    // Clicks the counter button and resolves when its label shows the next count; the samples are in-page milliseconds.
    private const string ClickScript = """
        async ({ clicks, intervalMs }) => {
          const find = () => [...document.querySelectorAll("button")].find(b => (b.textContent || "").trim().startsWith("Clicked:"));
          const samples = [];
          for (let i = 0; i < clicks; i++) {
            const button = find();
            const expected = "Clicked: " + (parseInt(button.textContent.trim().slice("Clicked:".length), 10) + 1);
            const updated = new Promise((resolve, reject) => {
              const timer = setTimeout(() => { observer.disconnect(); reject(new Error("no '" + expected + "' within 60 s")); }, 60000);
              const observer = new MutationObserver(() => {
                const now = performance.now();
                if ((find()?.textContent || "").trim() === expected) { observer.disconnect(); clearTimeout(timer); resolve(now); }
              });
              observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            });
            const start = performance.now();
            button.click();
            samples.push((await updated) - start);
            await new Promise(r => setTimeout(r, intervalMs));
          }
          return samples;
        }
        """;

    private const string MountedScript = """() => [...document.querySelectorAll("button")].some(b => (b.textContent || "").trim() === "Clicked: 0")""";

    public async Task<PeerResults> RunAsync(CancellationToken cancellation)
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"the peer comparison needs Chromium at {Chromium} (apt-get install chromium), or pass --skip-peer");
        string peers = Path.Combine(SuiteOptions.RepositoryRoot(), "Benchmarks", "peers");
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        PeerSide solara, liveView;
        await using (ServerProcess server = await ServerProcess.StartSolaraAsync())
            solara = await MeasureAsync("Solara.Orleans (embedded)", server.BaseUrl, browser, cancellation);
        await using (ServerProcess server = await ServerProcess.StartLiveViewAsync(Path.Combine(peers, "liveview-counter")))
            liveView = await MeasureAsync(await LiveViewNameAsync(), server.BaseUrl, browser, cancellation);
        return new PeerResults(options.PeerPages, options.PeerClicks, solara, liveView, BlazorError(peers));
    }

    private async Task<PeerSide> MeasureAsync(string name, string baseUrl, IBrowser browser, CancellationToken cancellation)
    {
        log.WriteLine($"peer comparison: {name}, {options.PeerPages} browser pages");
        using var probe = new ServerProbe(baseUrl);
        // Warm-up pages first (the same number on both servers): the first pages also pay for JIT tiering and
        // caches, which would otherwise be counted as if every session kept them.
        for (int i = 0; i < WarmupPages; i++)
        {
            var warm = await OpenAsync(browser, baseUrl);
            await warm.Page.EvaluateAsync<double[]>(ClickScript, new { clicks = 3, intervalMs = 0 });
            await warm.Context.CloseAsync();
        }
        MemoryReading baseline = await probe.ReadAsync();

        var pages = new List<(IBrowserContext Context, IPage Page, double LoadMs)>();
        using var gate = new SemaphoreSlim(LoadConcurrency);
        await Task.WhenAll(Enumerable.Range(0, options.PeerPages).Select(async _ =>
        {
            await gate.WaitAsync(cancellation);
            try
            {
                var opened = await OpenAsync(browser, baseUrl);
                lock (pages)
                    pages.Add(opened);
            }
            finally
            {
                gate.Release();
            }
        }));
        // A page whose label never updates (an overloaded machine) is counted, not fatal: the others still measure.
        double[]?[] clicks = await Task.WhenAll(pages.Select(async p =>
        {
            try
            {
                return await p.Page.EvaluateAsync<double[]>(ClickScript, new { clicks = options.PeerClicks, intervalMs = 1000 });
            }
            catch (PlaywrightException e)
            {
                log.WriteLine($"  a page's clicks failed: {e.Message.Split('\n')[0]}");
                return null;
            }
        }));
        // Read with every page still open after its clicks: the steady state of live sessions, past the
        // page loads' transient HTTP connections and buffers.
        MemoryReading loaded = await probe.ReadAsync();
        await Task.WhenAll(pages.Select(p => p.Context.CloseAsync()));
        var side = new PeerSide(name, baseline.Rss, baseline.HeapUsed, loaded.Rss, loaded.HeapUsed, pages.Count, baseline.FullGc && loaded.FullGc,
            LatencySummary.Of(clicks.OfType<double[]>().SelectMany(c => c)), LatencySummary.Of(pages.Select(p => p.LoadMs)), clicks.Count(c => c is null));
        log.WriteLine($"  {side.RssPerSession / 1024:F1} KiB working set and {side.HeapPerSession / 1024:F1} KiB heap per session; click p50 {side.Click.P50:F2} ms p99 {side.Click.P99:F2} ms");
        return side;
    }

    private static async Task<(IBrowserContext Context, IPage Page, double LoadMs)> OpenAsync(IBrowser browser, string baseUrl)
    {
        IBrowserContext context = await browser.NewContextAsync();
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        IPage page = await context.NewPageAsync();
        long start = Stopwatch.GetTimestamp();
        await page.GotoAsync(baseUrl + "/counter");
        await page.WaitForFunctionAsync(MountedScript);
        return (context, page, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static async Task<string> LiveViewNameAsync()
    {
        var version = new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true };
        using Process process = Process.Start(version)!;
        string node = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        return $"LiveViewJS 0.8.1 (@liveviewjs/express, phoenix_live_view 0.18 client, Node {node})";
    }

    /// <summary>The error recorded when Blazor Server was tried on this machine (peers/blazor-server.md).</summary>
    private static string BlazorError(string peers) =>
        File.ReadLines(Path.Combine(peers, "blazor-server.md")).FirstOrDefault(l => l.Contains("error NU1101", StringComparison.Ordinal))?.Trim()
        ?? "see Benchmarks/peers/blazor-server.md";
}
