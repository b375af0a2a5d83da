using System.Text;
using Solara.Orleans.Benchmarks.Suite;
using static Solara.Orleans.Benchmarks.Report.ReportText;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>The browser comparison with the LiveViewJS peer, and Blazor Server's published figure.</summary>
internal static class PeerSection
{
    /// <summary>Working-set growth is only a per-session figure when both servers' RSS grew: an allocator
    /// that hands pages back (Node's did, in one run) makes the difference meaningless, while the heap
    /// after a full collection stays comparable.</summary>
    public static bool WorkingSetComparable(PeerResults p) => p.Solara.RssPerSession > 0 && p.LiveView.RssPerSession > 0;

    public static void Write(StringBuilder md, SuiteResults r)
    {
        Line(md, "## Side by side with a peer");
        Line(md);
        if (r.Peer is not { } p)
        {
            Line(md, "Not run (`--skip-peer`).");
            Line(md);
            return;
        }
        Line(md, "Blazor Server is what a .NET team would pick instead, but it cannot be built on this machine; the one attempt ([peers/blazor-server.md](../peers/blazor-server.md)) failed with:");
        Line(md);
        Line(md, $"    {p.BlazorError}");
        Line(md);
        Line(md, $"The measured peer is LiveViewJS (`@liveviewjs/express` 0.8.1 with the `phoenix_live_view` client: one stateful LiveView per page over a WebSocket), running the same counter UI ([peers/liveview-counter](../peers/liveview-counter/server.js)). " +
            $"One headless Chromium opens {p.Pages} pages on each server (a browser context each, so one session each), then every page clicks {p.ClicksPerPage} times, once a second, timing click → new label in the page (`performance.now()` and a `MutationObserver`). " +
            "Server memory is read after a full collection (`--expose-gc` for Node) before the pages load (after 20 warm-up pages, opened, clicked and closed, on each server) and after every page has clicked, with all pages still open (the steady state of live sessions); the growth is divided by the sessions. Our server is the embedded one.");
        Line(md);
        Line(md, "| server | heap / session | working set / session | page load p50 | click p50 | click p95 | click p99 |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|");
        foreach (PeerSide side in new[] { p.Solara, p.LiveView })
            Line(md, $"| {side.Name} | {Kb(side.HeapPerSession)} | {Kb(side.RssPerSession)} | {Ms(side.Load.P50)} | {Ms(side.Click.P50)} | {Ms(side.Click.P95)} | {Ms(side.Click.P99)} |");
        Line(md, "| Blazor Server (Microsoft's published planning figure, not measured here) | — | ~250 KB per circuit | — | — | — | — |");
        foreach (PeerSide side in new[] { p.Solara, p.LiveView }.Where(s => s.FailedPages > 0))
            Line(md, $"\n{side.FailedPages} of {side.Sessions} pages of {side.Name} did not show a click's new label within 60 s; their clicks are left out of the latencies.");
        Line(md);
        Line(md, "| ratio (peer ÷ Solara.Orleans; above 1 means we use less or are faster) | value |");
        Line(md, "|---|---:|");
        Line(md, $"| LiveViewJS heap per session (V8 vs .NET, both after a full collection) | {Times(p.LiveView.HeapPerSession / p.Solara.HeapPerSession)} |");
        Line(md, WorkingSetComparable(p)
            ? $"| LiveViewJS working set per session | {Times(p.LiveView.RssPerSession / p.Solara.RssPerSession)} |"
            : "| LiveViewJS working set per session | not comparable (a working set fell or did not grow) |");
        Line(md, $"| Blazor's 250 KB per circuit vs our working set per session | {Times(MarkdownReport.BlazorCircuitBytes / p.Solara.RssPerSession)} |");
        Line(md, $"| LiveViewJS click p50 | {p.LiveView.Click.P50 / p.Solara.Click.P50:F2}× |");
        Line(md, $"| LiveViewJS click p99 | {p.LiveView.Click.P99 / p.Solara.Click.P99:F2}× |");
        Line(md);
        Line(md, $"![peer memory]({Charts.PeerMemory})");
        Line(md);
        Line(md, $"![peer latency]({Charts.PeerLatency})");
        Line(md);
    }
}
