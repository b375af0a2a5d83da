using Solara.Orleans.Benchmarks.Suite;
using static Solara.Orleans.Benchmarks.Report.SvgChart;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>The report's charts, by file name. A chart whose figures were not measured is left out.</summary>
public static class Charts
{
    public const string Memory = "memory-per-kernel.svg";
    public const string MemoryTotal = "memory-growth.svg";
    public const string Click = "click-latency.svg";
    public const string Start = "kernel-start.svg";
    public const string PeerMemory = "peer-memory.svg";
    public const string PeerLatency = "peer-latency.svg";

    public static IEnumerable<(string File, string Svg)> Build(SuiteResults r)
    {
        if (r.IdleRamp.Count > 0 && r.ActiveRamp.Count > 0)
        {
            double[] xs = [.. r.IdleRamp.Select(s => (double)s.Kernels)];
            yield return (Memory, Lines("Server memory per counter kernel (after full GC)", "kernels", "KB per kernel", xs,
            [
                new Series("idle: managed heap", [.. r.IdleRamp.Select(s => s.HeapPerKernel / 1000)]),
                new Series("idle: working set", [.. r.IdleRamp.Select(s => s.RssPerKernel / 1000)]),
                new Series("active: managed heap", [.. r.ActiveRamp.Select(s => s.HeapPerKernel / 1000)]),
                new Series("active: working set", [.. r.ActiveRamp.Select(s => s.RssPerKernel / 1000)]),
            ]));
            yield return (MemoryTotal, Lines("Server memory growth over the baseline", "kernels", "MB", xs,
            [
                new Series("idle: heap", [.. r.IdleRamp.Select(s => (s.HeapBytes - s.BaselineHeapBytes) / 1e6)]),
                new Series("idle: working set", [.. r.IdleRamp.Select(s => (s.RssBytes - s.BaselineRssBytes) / 1e6)]),
                new Series("active: heap", [.. r.ActiveRamp.Select(s => (s.HeapBytes - s.BaselineHeapBytes) / 1e6)]),
                new Series("active: working set", [.. r.ActiveRamp.Select(s => (s.RssBytes - s.BaselineRssBytes) / 1e6)]),
            ]));
        }
        if (r.ClickLevels.Count > 0)
        {
            var levels = r.ClickLevels.Concat(r.ClickWithIdleKernels is { } resident ? [resident] : []).ToList();
            yield return (Click, Bars("Click → update round trip", "ms", [.. levels.Select(MarkdownReport.LevelName)],
            [
                new Series("p50", [.. levels.Select(l => l.Latency.P50)]),
                new Series("p95", [.. levels.Select(l => l.Latency.P95)]),
                new Series("p99", [.. levels.Select(l => l.Latency.P99)]),
            ]));
        }
        if (r.IdleRamp.Count > 0)
        {
            var stages = (r.SequentialStart is { } s ? new[] { ("one at a time", s.P50, s.P99) } : [])
                .Concat(r.IdleRamp.Select(st => ($"ramp to {st.Kernels:N0}", st.Start.P50, st.Start.P99))).ToList();
            yield return (Start, Bars("Kernel start: socket open → first render", "ms", [.. stages.Select(x => x.Item1)],
            [
                new Series("p50", [.. stages.Select(x => x.P50)]),
                new Series("p99", [.. stages.Select(x => x.P99)]),
            ]));
        }
        if (r.Peer is { } p)
        {
            yield return (PeerMemory, Bars($"Server memory per browser session ({p.Pages} pages each)", "KB per session",
                ["Solara.Orleans", "LiveViewJS", "Blazor Server (published, unmeasured)"],
            [
                new Series("working set", [p.Solara.RssPerSession / 1000, p.LiveView.RssPerSession / 1000, MarkdownReport.BlazorCircuitBytes / 1000]),
                new Series("managed / V8 heap", [p.Solara.HeapPerSession / 1000, p.LiveView.HeapPerSession / 1000, double.NaN]),
            ]));
            yield return (PeerLatency, Bars("Click → new label, measured in the page", "ms", ["Solara.Orleans", "LiveViewJS"],
            [
                new Series("p50", [p.Solara.Click.P50, p.LiveView.Click.P50]),
                new Series("p95", [p.Solara.Click.P95, p.LiveView.Click.P95]),
                new Series("p99", [p.Solara.Click.P99, p.LiveView.Click.P99]),
            ]));
        }
    }
}
