using System.Text;
using Solara.Orleans.Benchmarks.Suite;
using static Solara.Orleans.Benchmarks.Report.ReportText;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>The report's first table: each target of issue 8 with the measured value and the gap.</summary>
internal static class TargetsSection
{
    public static void Write(StringBuilder md, SuiteResults r, IReadOnlyList<FailoverRun> failovers)
    {
        TopologyResults? embedded = r.Of(TopologyResults.Embedded) ?? r.Of(TopologyResults.Target);
        TopologyResults? cluster = r.Of(TopologyResults.Cluster);
        Line(md, "## Targets");
        Line(md);
        Line(md, "| target (issue 8) | measured | gap |");
        Line(md, "|---|---|---|");
        if (embedded?.IdleRamp.LastOrDefault() is { } idle)
        {
            string silo = cluster?.IdleRamp.LastOrDefault() is { } s ? $"; on a silo {Kb(s.HeapPerKernel)} heap, {Kb(s.RssPerKernel)} working set" : "";
            Line(md, $"| ≤ 30 KB per idle counter kernel | {Kb(idle.HeapPerKernel)} managed heap, {Kb(idle.RssPerKernel)} working set at {idle.Kernels:N0} kernels ({embedded.Name}){silo} | {Gap(idle.HeapPerKernel / 1000, 30, "KB", lowerIsBetter: true)} (heap); {Gap(idle.RssPerKernel / 1000, 30, "KB", lowerIsBetter: true)} (working set) |");
        }
        if (r.Peer is { } p)
        {
            double heapRatio = p.LiveView.HeapPerSession / p.Solara.HeapPerSession;
            string rss = PeerSection.WorkingSetComparable(p)
                ? $"; working set {Kb(p.Solara.RssPerSession)} vs {Kb(p.LiveView.RssPerSession)} ({Times(p.LiveView.RssPerSession / p.Solara.RssPerSession)})"
                : $"; the working-set growth is not comparable ({Kb(p.Solara.RssPerSession)} vs {Kb(p.LiveView.RssPerSession)}: the peer's RSS moved less than its heap)";
            Line(md, $"| ≥ 5× less memory per session than LiveViewJS | heap after a full collection {Kb(p.Solara.HeapPerSession)} vs {Kb(p.LiveView.HeapPerSession)} per browser session: {Times(heapRatio)} less{rss} | {Gap(heapRatio, 5, "×", lowerIsBetter: false)} |");
            double blazor = MarkdownReport.BlazorCircuitBytes / p.Solara.RssPerSession;
            Line(md, $"| ≥ 5× less than Blazor Server's published 250 KB per circuit | {Kb(p.Solara.RssPerSession)} working set per browser session: {Times(blazor)} less ({Times(MarkdownReport.BlazorCircuitBytes / p.Solara.HeapPerSession)} on heap alone) | {Gap(blazor, 5, "×", lowerIsBetter: false)} |");
        }
        if (embedded?.ClickLevels.LastOrDefault() is { } top)
            Line(md, $"| click p99 ≤ 2 ms at 1,000 active pages, embedded | p99 {Ms(top.Latency.P99)} at {top.Pages:N0} pages ({embedded.Name}; p50 {Ms(top.Latency.P50)}) | {Gap(top.Latency.P99, 2, "ms", lowerIsBetter: true)} |");
        if (cluster?.ClickLevels.LastOrDefault() is { } through)
        {
            string others = string.Join(", ", cluster.ClickLevels.SkipLast(1).Select(l => $"{MarkdownReport.LevelName(l)} {Ms(l.Latency.P99)}"));
            Line(md, $"| click p99 ≤ 4 ms through a gateway | p99 {Ms(through.Latency.P99)} at {through.Pages:N0} pages ({cluster.Name}; p50 {Ms(through.Latency.P50)}){(others.Length > 0 ? $"; {others}" : "")} | {Gap(through.Latency.P99, 4, "ms", lowerIsBetter: true)} |");
        }
        else
            Line(md, "| click p99 ≤ 4 ms through a gateway | not measured in this run (`--skip-cluster` or `--target`) | — |");
        foreach (TopologyResults t in r.Topologies)
            if (t.SequentialStart is { } seq)
            {
                string loaded = t.IdleRamp.LastOrDefault() is { } s ? $"; p99 {Ms(s.Start.P99)} with 16 connects in flight (ramp to {s.Kernels:N0})" : "";
                Line(md, $"| kernel start p99 ≤ 20 ms ({t.Name}) | p99 {Ms(seq.P99)} one at a time{loaded} | {Gap(seq.P99, 20, "ms", lowerIsBetter: true)} (one at a time); {(t.IdleRamp.LastOrDefault() is { } last ? Gap(last.Start.P99, 20, "ms", lowerIsBetter: true) : "—")} (16 in flight) |");
            }
        if (failovers.Count == 0)
            Line(md, "| 99 % of pages restored ≤ 2 s after a silo is killed, 0 acknowledged values lost | not measured (run the `failover` command) | — |");
        else
            Line(md, $"| 99 % of pages restored ≤ 2 s after a silo is killed, 0 acknowledged values lost | {string.Join("; ", failovers.Select(Describe))} (see Failover below) | {string.Join("; ", failovers.Select(f => $"{Gap(f.Remounted99Ms / 1000, 2, "s", lowerIsBetter: true)}, {(f.ValuesLost == 0 ? "0 lost met" : $"{f.ValuesLost} lost")}"))} |");
        Line(md);
    }

    private static string Describe(FailoverRun f) =>
        $"lease {f.LeaseMs / 1000:0.#} s{(f.ExtraSettings.Length > 0 ? $" + {f.ExtraSettings}" : "")}: 99 % at {f.Remounted99Ms / 1000:F2} s, {f.ValuesLost} lost";
}
