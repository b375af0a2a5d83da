using System.Globalization;
using System.Text;
using Solara.Orleans.Benchmarks.Suite;
using static Solara.Orleans.Benchmarks.Report.ReportText;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>The figures measured on each topology: memory per kernel, click latency, kernel start,
/// saturation and growth — one table per figure with a row per topology and level.</summary>
internal static class TopologySections
{
    public static void Write(StringBuilder md, SuiteResults r)
    {
        Memory(md, r);
        Clicks(md, r);
        Starts(md, r);
        Saturation(md, r);
        Growth(md, r);
    }

    private static void Memory(StringBuilder md, SuiteResults r)
    {
        if (r.Topologies.All(t => t.IdleRamp.Count == 0))
            return;
        Line(md, "## Memory per kernel");
        Line(md);
        Line(md, "Kernels are added to a fresh server after a warm-up; each row is the growth over the baseline divided by the kernels added, read after a full aggressive (compacting, decommitting) GC in the server process (`GC.GetTotalMemory` and the process working set, VmRSS). " +
            "An *idle* kernel has run the counter and its page socket has closed (the kernel stays, disconnected, until the 24 h cull); an *active* kernel keeps its WebSocket open. " +
            "Through a gateway the kernel columns are the silo's; the gateway columns are the gateway process's growth over the same active pages (its two sockets per page and forwarding state).");
        Line(md);
        Line(md, "| topology | kernels | idle: heap/kernel | idle: working set/kernel | active: heap/kernel | active: working set/kernel | gateway: heap/page | gateway: working set/page |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (TopologyResults t in r.Topologies)
            for (int i = 0; i < t.IdleRamp.Count; i++)
            {
                KernelStage idle = t.IdleRamp[i];
                KernelStage? active = i < t.ActiveRamp.Count ? t.ActiveRamp[i] : null;
                GatewayGrowth? gateway = active?.Gateway;
                string at = active is not null && active.Kernels != idle.Kernels ? $" (at {active.Kernels:N0})" : "";
                Line(md, $"| {t.Name} | {idle.Kernels:N0} | {Kb(idle.HeapPerKernel)} | {Kb(idle.RssPerKernel)} | {Opt(active?.HeapPerKernel)}{at} | {Opt(active?.RssPerKernel)}{at} | {Opt(gateway?.HeapPerKernel)}{at} | {Opt(gateway?.RssPerKernel)}{at} |");
            }
        if (r.Topologies.Any(t => !t.IdleRamp.All(s => s.FullGc)))
            Line(md, "\nThe target server has no `/_bench/memory` endpoint, so its figures come from `/resourcez?verbose` without a forced collection.");
        Line(md);
        foreach (TopologyResults t in r.Topologies.Where(t => t.RampsAlign))
        {
            Line(md, $"![memory per kernel, {t.Name}]({Charts.FileFor(Charts.Memory, t)})");
            Line(md);
            Line(md, $"![memory growth, {t.Name}]({Charts.FileFor(Charts.MemoryTotal, t)})");
            Line(md);
        }
    }

    private static void Clicks(StringBuilder md, SuiteResults r)
    {
        if (r.Topologies.All(t => t.ClickLevels.Count == 0))
            return;
        Line(md, "## Click → update round trip");
        Line(md);
        Line(md, "Simulated pages (the real WebSocket protocol, no browser) send the button's `click` and stop the clock when the `update` with the new label arrives. " +
            "Each page clicks once a second at a random phase (open loop); the single page clicks ten times a second so that its p99 has enough samples. " +
            "The last column is what the kernel host's garbage collector did during the level (collections, total pause, bytes allocated per click, whatever else the server did meanwhile included): pauses are what the tail is made of.");
        Line(md);
        Line(md, "| topology | active pages | clicks | p50 | p95 | p99 | max | server GC during the level |");
        Line(md, "|---|---|---:|---:|---:|---:|---:|---|");
        foreach (TopologyResults t in r.Topologies)
            foreach (ClickLevel level in t.ClickLevels.Concat(t.ClickWithIdleKernels is { } x ? [x] : []))
                Line(md, $"| {t.Name} | {MarkdownReport.LevelName(level)} | {level.Latency.Count:N0} | {Ms(level.Latency.P50)} | {Ms(level.Latency.P95)} | {Ms(level.Latency.P99)} | {Ms(level.Latency.Max)} | {Gc(level.ServerGc, level.Latency.Count)} |");
        Line(md);
        foreach (TopologyResults t in r.Topologies.Where(t => t.ClickLevels.Count > 0))
        {
            Line(md, $"![click latency, {t.Name}]({Charts.FileFor(Charts.Click, t)})");
            Line(md);
        }
    }

    private static void Starts(StringBuilder md, SuiteResults r)
    {
        if (r.Topologies.All(t => t.SequentialStart is null && t.IdleRamp.Count == 0))
            return;
        Line(md, "## Kernel start and connect rate");
        Line(md);
        Line(md, "From the socket open request to the first render received: WebSocket upgrade, `kernel_info`, `comm_open` of `solara.control`, and the `run` that renders the app, up to its idle status. " +
            "*One at a time* opens pages sequentially on an otherwise idle server; the ramps keep 16 connects in flight and give the sustained connect rate. " +
            "Through a gateway a start also includes placement, the silo's activation and directory registration in Redis, and the second WebSocket.");
        Line(md);
        Line(md, "| topology | phase | starts | p50 | p99 | connects/s |");
        Line(md, "|---|---|---:|---:|---:|---:|");
        foreach (TopologyResults t in r.Topologies)
        {
            if (t.SequentialStart is { } seq)
                Line(md, $"| {t.Name} | one at a time | {seq.Count} | {Ms(seq.P50)} | {Ms(seq.P99)} | — |");
            foreach ((string kind, List<KernelStage> ramp) in new[] { ("idle", t.IdleRamp), ("active", t.ActiveRamp) })
            {
                int previous = 0;
                foreach (KernelStage s in ramp)
                {
                    Line(md, $"| {t.Name} | {kind} ramp {previous:N0} → {s.Kernels:N0} | {s.Start.Count:N0} | {Ms(s.Start.P50)} | {Ms(s.Start.P99)} | {s.ConnectsPerSecond:F0} |");
                    previous = s.Kernels;
                }
            }
        }
        Line(md);
        foreach (TopologyResults t in r.Topologies.Where(t => t.IdleRamp.Count > 0))
        {
            Line(md, $"![kernel start, {t.Name}]({Charts.FileFor(Charts.Start, t)})");
            Line(md);
        }
    }

    private static void Saturation(StringBuilder md, SuiteResults r)
    {
        if (r.Topologies.All(t => t.Saturation is null))
            return;
        Line(md, "## Messages per second per core at saturation");
        Line(md);
        Line(md, "Pages click back to back (closed loop). Messages are WebSocket frames between the pages and the server in both directions (a click is one frame in and busy, update, idle out). " +
            "*Per core* divides by the server's CPU time over the same window — through a gateway, the silo's and the gateway's together — so the load generator sharing the machine does not lower it.");
        Line(md);
        Line(md, "| topology | pages | clicks/s | frames/s | server CPU (cores busy) | of which gateway | frames per server CPU-second |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|");
        foreach (TopologyResults t in r.Topologies)
            if (t.Saturation is { } s)
                Line(md, $"| {t.Name} | {s.Pages} | {s.ClicksPerSecond:N0} | {s.FramesPerSecond:N0} | {s.ServerCoresBusy:F2} | {(s.GatewayCpuSeconds > 0 ? (s.GatewayCpuSeconds / s.Seconds).ToString("F2", CultureInfo.InvariantCulture) : "—")} | **{s.FramesPerServerCpuSecond:N0}** |");
        Line(md);
    }

    private static void Growth(StringBuilder md, SuiteResults r)
    {
        if (r.Topologies.All(t => t.IdleRamp.Count < 2))
            return;
        Line(md, "## Growth with the number of kernels");
        Line(md);
        Line(md, "Memory per kernel that stays flat means total memory grows linearly; a latency that stays flat means the extra kernels cost nothing per click.");
        Line(md);
        Line(md, "| topology | figure | first stage | last stage | ratio | growth |");
        Line(md, "|---|---|---:|---:|---:|---|");
        foreach (TopologyResults t in r.Topologies.Where(t => t.IdleRamp.Count >= 2))
        {
            KernelStage firstIdle = t.IdleRamp[0], lastIdle = t.IdleRamp[^1];
            string span = $"{firstIdle.Kernels:N0} → {lastIdle.Kernels:N0}";
            Row($"heap per idle kernel ({span})", firstIdle.HeapPerKernel, lastIdle.HeapPerKernel, Kb, perUnit: true);
            Row($"working set per idle kernel ({span})", firstIdle.RssPerKernel, lastIdle.RssPerKernel, Kb, perUnit: true);
            if (t.ActiveRamp.Count >= 2)
            {
                string activeSpan = $"{t.ActiveRamp[0].Kernels:N0} → {t.ActiveRamp[^1].Kernels:N0}";
                Row($"heap per active kernel ({activeSpan})", t.ActiveRamp[0].HeapPerKernel, t.ActiveRamp[^1].HeapPerKernel, Kb, perUnit: true);
                Row($"working set per active kernel ({activeSpan})", t.ActiveRamp[0].RssPerKernel, t.ActiveRamp[^1].RssPerKernel, Kb, perUnit: true);
            }
            Row($"kernel start p99, ramp stage ({span})", firstIdle.Start.P99, lastIdle.Start.P99, Ms, perUnit: false);
            Row($"connects/s, ramp stage ({span})", firstIdle.ConnectsPerSecond, lastIdle.ConnectsPerSecond, v => v.ToString("F0", CultureInfo.InvariantCulture), perUnit: false);
            if (t.ClickWithIdleKernels is { } resident && t.ClickLevels.FirstOrDefault(l => l.Pages == resident.Pages) is { } fresh)
                Row($"click p99, {resident.Pages} pages (fresh server → {resident.ResidentKernels:N0} idle kernels)", fresh.Latency.P99, resident.Latency.P99, Ms, perUnit: false);

            void Row(string name, double first, double last, Func<double, string> format, bool perUnit)
            {
                double ratio = last / first;
                string verdict = perUnit
                    ? ratio <= 1.25 ? "linear (flat or falling per kernel)" : "worse than linear"
                    : ratio < 1 / 1.5 ? "improves" : ratio <= 1.5 ? "flat" : "degrades";
                Line(md, $"| {t.Name} | {name} | {format(first)} | {format(last)} | {ratio:F2} | {verdict} |");
            }
        }
        Line(md);
    }

    private static string Gc(Targets.GcReading? gc, int clicks) => gc is null ? "—"
        : $"{gc.Gen0}/{gc.Gen1}/{gc.Gen2} (gen 0/1/2), {gc.PauseMs:F0} ms paused{(gc.ServerGc ? "" : ", workstation GC")}, {Kb(gc.AllocatedBytes / (double)clicks)} allocated per click";

    private static string Opt(double? bytes) => bytes is { } b ? Kb(b) : "—";
}
