using Solara.Orleans.Benchmarks.Suite;
using static Solara.Orleans.Benchmarks.Report.SvgChart;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>The report's charts, by file name: one set per topology (the embedded one without a
/// suffix, others with <c>-cluster</c> or <c>-target</c>). A chart whose figures were not measured is left out.</summary>
public static class Charts
{
    public const string Memory = "memory-per-kernel.svg";
    public const string MemoryTotal = "memory-growth.svg";
    public const string Click = "click-latency.svg";
    public const string Start = "kernel-start.svg";
    public const string PeerMemory = "peer-memory.svg";
    public const string PeerLatency = "peer-latency.svg";

    public static string FileFor(string chart, TopologyResults topology) =>
        topology.Kind == TopologyResults.Embedded ? chart : chart.Replace(".svg", $"-{topology.Kind}.svg", StringComparison.Ordinal);

    public static IEnumerable<(string File, string Svg)> Build(SuiteResults r)
    {
        foreach (TopologyResults t in r.Topologies)
            foreach ((string file, string svg) in ForTopology(t))
                yield return (file, svg);
        if (r.Peer is { } p)
        {
            yield return (PeerMemory, Bars($"Server memory per browser session ({p.Pages} pages each)", "KB per session",
                ["Solara.Orleans", "LiveViewJS", "Blazor Server (published, unmeasured)"],
            [
                new Series("managed / V8 heap", [p.Solara.HeapPerSession / 1000, p.LiveView.HeapPerSession / 1000, double.NaN]),
                new Series("working set", [p.Solara.RssPerSession / 1000, p.LiveView.RssPerSession / 1000, MarkdownReport.BlazorCircuitBytes / 1000]),
            ]));
            yield return (PeerLatency, Bars("Click → new label, measured in the page", "ms", ["Solara.Orleans", "LiveViewJS"],
            [
                new Series("p50", [p.Solara.Click.P50, p.LiveView.Click.P50]),
                new Series("p95", [p.Solara.Click.P95, p.LiveView.Click.P95]),
                new Series("p99", [p.Solara.Click.P99, p.LiveView.Click.P99]),
            ]));
        }
    }

    private static IEnumerable<(string File, string Svg)> ForTopology(TopologyResults t)
    {
        string where = $" — {t.Name}";
        if (t.RampsAlign)
        {
            double[] xs = [.. t.IdleRamp.Select(s => (double)s.Kernels)];
            List<Series> perKernel =
            [
                new Series("idle: managed heap", [.. t.IdleRamp.Select(s => s.HeapPerKernel / 1000)]),
                new Series("idle: working set", [.. t.IdleRamp.Select(s => s.RssPerKernel / 1000)]),
                new Series("active: managed heap", [.. t.ActiveRamp.Select(s => s.HeapPerKernel / 1000)]),
                new Series("active: working set", [.. t.ActiveRamp.Select(s => s.RssPerKernel / 1000)]),
            ];
            if (t.ActiveRamp.All(s => s.Gateway is not null))
                perKernel.Add(new Series("gateway: heap per page", [.. t.ActiveRamp.Select(s => s.Gateway!.HeapPerKernel / 1000)]));
            yield return (FileFor(Memory, t), Lines("Server memory per counter kernel (after full GC)" + where, "kernels", "KB per kernel", xs, perKernel));
            yield return (FileFor(MemoryTotal, t), Lines("Server memory growth over the baseline" + where, "kernels", "MB", xs,
            [
                new Series("idle: heap", [.. t.IdleRamp.Select(s => (s.HeapBytes - s.BaselineHeapBytes) / 1e6)]),
                new Series("idle: working set", [.. t.IdleRamp.Select(s => (s.RssBytes - s.BaselineRssBytes) / 1e6)]),
                new Series("active: heap", [.. t.ActiveRamp.Select(s => (s.HeapBytes - s.BaselineHeapBytes) / 1e6)]),
                new Series("active: working set", [.. t.ActiveRamp.Select(s => (s.RssBytes - s.BaselineRssBytes) / 1e6)]),
            ]));
        }
        if (t.ClickLevels.Count > 0)
        {
            var levels = t.ClickLevels.Concat(t.ClickWithIdleKernels is { } resident ? [resident] : []).ToList();
            yield return (FileFor(Click, t), Bars("Click → update round trip" + where, "ms", [.. levels.Select(MarkdownReport.LevelName)],
            [
                new Series("p50", [.. levels.Select(l => l.Latency.P50)]),
                new Series("p95", [.. levels.Select(l => l.Latency.P95)]),
                new Series("p99", [.. levels.Select(l => l.Latency.P99)]),
            ]));
        }
        if (t.IdleRamp.Count > 0)
        {
            var stages = (t.SequentialStart is { } s ? new[] { ("one at a time", s.P50, s.P99) } : [])
                .Concat(t.IdleRamp.Select(st => ($"ramp to {st.Kernels:N0}", st.Start.P50, st.Start.P99))).ToList();
            yield return (FileFor(Start, t), Bars("Kernel start: socket open → first render" + where, "ms", [.. stages.Select(x => x.Item1)],
            [
                new Series("p50", [.. stages.Select(x => x.P50)]),
                new Series("p99", [.. stages.Select(x => x.P99)]),
            ]));
        }
    }
}
