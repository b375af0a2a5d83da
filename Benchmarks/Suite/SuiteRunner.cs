using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Solara.Orleans.Benchmarks.Load;
using Solara.Orleans.Benchmarks.Comparison;
using Solara.Orleans.Benchmarks.Targets;

namespace Solara.Orleans.Benchmarks.Suite;

/// <summary>Runs the default suite: latency and throughput on one fresh server, an idle-kernel ramp
/// on a second, an active-kernel ramp on a third, then the browser comparison with the LiveViewJS
/// peer. Progress goes to <paramref name="log"/>.</summary>
public sealed class SuiteRunner(SuiteOptions options, TextWriter log)
{
    private const int WarmupPages = 50;
    private const int ResidentClickPages = 100;

    public async Task<SuiteResults> RunAsync(CancellationToken cancellation)
    {
        var results = new SuiteResults
        {
            Date = DateTimeOffset.UtcNow,
            Machine = Machine(),
            LoadAverageAtStart = MachineInfo.LoadAverage(),
        };
        if (options.Target is { } target)
            await MeasureAsync(new TopologyResults { Kind = TopologyResults.Target, Name = target, Description = $"the running server at {target}" },
                () => ServerUnderTest.StartAsync(target), results, cancellation);
        else
        {
            await MeasureAsync(new TopologyResults
            {
                Kind = TopologyResults.Embedded,
                Name = "embedded",
                Description = "the embedded server (Silo's EmbeddedHost with the samples) in a child process, fresh per phase",
            }, () => ServerUnderTest.StartAsync(null), results, cancellation);
            if (!options.SkipCluster)
                await MeasureAsync(new TopologyResults
                {
                    Kind = TopologyResults.Cluster,
                    Name = "gateway + silo",
                    Description = "pages through a gateway process to a silo process (own redis-server for membership and the grain directory; persistence off, as embedded), fresh per phase",
                }, ServerUnderTest.StartClusterAsync, results, cancellation);
        }
        if (!options.SkipPeer)
            results.Peer = await new PeerComparison(options, log).RunAsync(cancellation);
        string persistence = Path.Combine(options.OutputFolder, "persistence.json");
        if (File.Exists(persistence))
            results.Persistence = JsonNode.Parse(await File.ReadAllTextAsync(persistence, cancellation));
        results.LoadAverageAtEnd = MachineInfo.LoadAverage();
        return results;
    }

    private async Task MeasureAsync(TopologyResults topology, Func<Task<ServerUnderTest>> start, SuiteResults results, CancellationToken cancellation)
    {
        log.WriteLine($"== {topology.Name}: {topology.Description}");
        results.Topologies.Add(topology);
        await using (ServerUnderTest server = await start())
            await LatencyPhaseAsync(server, topology, cancellation);
        await using (ServerUnderTest server = await start())
        {
            await RampAsync(server, keepOpen: false, topology.IdleRamp, topology.Name, results, cancellation);
            topology.ClickWithIdleKernels = await ClickLevelAsync(server, ResidentClickPages, topology.IdleRamp[^1].Kernels, cancellation);
        }
        await using (ServerUnderTest server = await start())
            await RampAsync(server, keepOpen: true, topology.ActiveRamp, topology.Name, results, cancellation);
    }

    private async Task LatencyPhaseAsync(ServerUnderTest server, TopologyResults results, CancellationToken cancellation)
    {
        await WarmUpAsync(server, cancellation);
        log.WriteLine($"kernel start, {options.SequentialStarts} pages one after another");
        results.SequentialStart = (await PageFleet.OpenAsync(server.BaseUrl, options.SequentialStarts, 1, keepOpen: false, cancellation)).Start;
        foreach (int pages in options.PageLevels)
            results.ClickLevels.Add(await ClickLevelAsync(server, pages, 0, cancellation));

        log.WriteLine($"saturation: {options.SaturationPages} pages clicking back to back for {options.SaturationDuration.TotalSeconds} s");
        FleetResult fleet = await PageFleet.OpenAsync(server.BaseUrl, options.SaturationPages, options.ConnectConcurrency, keepOpen: true, cancellation);
        (double hostBefore, double gatewayBefore) = await CpuSecondsAsync(server);
        (long clicks, long frames, double seconds) = await ClickLoad.ClosedLoopAsync(fleet.Pages, options.SaturationDuration, cancellation);
        (double hostAfter, double gatewayAfter) = await CpuSecondsAsync(server);
        await PageFleet.CloseAsync(fleet.Pages);
        results.Saturation = new SaturationResult(options.SaturationPages, seconds, clicks, frames,
            hostAfter - hostBefore + gatewayAfter - gatewayBefore, gatewayAfter - gatewayBefore);
    }

    private static async Task<(double Host, double Gateway)> CpuSecondsAsync(ServerUnderTest server) =>
        (await server.Host.CpuSecondsAsync(), server.Gateway is { } gateway ? await gateway.CpuSecondsAsync() : 0);

    private async Task<ClickLevel> ClickLevelAsync(ServerUnderTest server, int pages, int residentKernels, CancellationToken cancellation)
    {
        // One page clicking once a second gives too few samples for a p99 in a short run; it clicks ten times a second.
        TimeSpan interval = pages == 1 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
        log.WriteLine($"click latency: {pages} active pages, one click every {interval.TotalMilliseconds} ms each, {options.ClickDuration.TotalSeconds} s" + (residentKernels > 0 ? $", {residentKernels} idle kernels resident" : ""));
        FleetResult fleet = await PageFleet.OpenAsync(server.BaseUrl, pages, options.ConnectConcurrency, keepOpen: true, cancellation);
        try
        {
            GcReading? gcBefore = await server.Host.GcAsync();
            LatencySummary latency = await ClickLoad.OpenLoopAsync(fleet.Pages, interval, options.ClickDuration, cancellation);
            GcReading? gc = gcBefore is null ? null : (await server.Host.GcAsync())?.Since(gcBefore);
            log.WriteLine(Invariant($"  p50 {latency.P50:F2} ms, p95 {latency.P95:F2} ms, p99 {latency.P99:F2} ms ({latency.Count} clicks)")
                + (gc is null ? "" : Invariant($"; server GC {gc.Gen0 + gc.Gen1 + gc.Gen2} collections, {gc.PauseMs:F0} ms paused, {gc.AllocatedBytes / (double)latency.Count / 1000:F1} KB allocated per click")));
            return new ClickLevel(pages, interval.TotalMilliseconds, options.ClickDuration.TotalSeconds, residentKernels, latency, gc);
        }
        finally
        {
            await PageFleet.CloseAsync(fleet.Pages);
        }
    }

    private async Task RampAsync(ServerUnderTest server, bool keepOpen, List<KernelStage> stages, string topology, SuiteResults results, CancellationToken cancellation)
    {
        string kind = keepOpen ? "active" : "idle";
        await WarmUpAsync(server, cancellation);
        int kernelsBefore = await server.Host.KernelCountAsync();
        MemoryReading baseline = await server.Host.ReadAsync();
        MemoryReading? gatewayBaseline = server.Gateway is { } gateway ? await gateway.ReadAsync() : null;
        var open = new List<SimulatedPage>();
        int opened = 0;
        int[] levels = server.Gateway is not null ? GatewayLevels(topology, keepOpen, results) : options.KernelLevels;
        try
        {
            foreach (int level in levels)
            {
                log.WriteLine($"{kind} kernel ramp: {opened} → {level} kernels, {options.ConnectConcurrency} connects in flight");
                FleetResult fleet = await PageFleet.OpenAsync(server.BaseUrl, level - opened, options.ConnectConcurrency, keepOpen, cancellation);
                open.AddRange(fleet.Pages);
                opened = level;
                MemoryReading reading = await server.Host.ReadAsync();
                GatewayGrowth? gatewayGrowth = server.Gateway is { } g && gatewayBaseline is { } gb && await g.ReadAsync() is { } gr
                    ? new GatewayGrowth(level, gr.HeapUsed, gr.Rss, gb.HeapUsed, gb.Rss)
                    : null;
                var stage = new KernelStage(level, fleet.Start, fleet.ConnectsPerSecond, reading.HeapUsed, reading.Rss, baseline.HeapUsed, baseline.Rss, reading.FullGc && baseline.FullGc, gatewayGrowth);
                stages.Add(stage);
                log.WriteLine(Invariant($"  {stage.HeapPerKernel / 1024:F1} KiB heap and {stage.RssPerKernel / 1024:F1} KiB working set per kernel; start p50 {fleet.Start.P50:F1} ms p99 {fleet.Start.P99:F1} ms; {fleet.ConnectsPerSecond:F0} connects/s")
                    + (gatewayGrowth is null ? "" : Invariant($"; gateway {gatewayGrowth.HeapPerKernel / 1024:F1} KiB heap, {gatewayGrowth.RssPerKernel / 1024:F1} KiB working set per kernel")));
                int kernels = await server.Host.KernelCountAsync();
                if (kernels < kernelsBefore + level)
                    results.Notes.Add($"{topology}, {kind} ramp at {level}: the server reported {kernels} live kernels, expected at least {kernelsBefore + level}");
            }
        }
        finally
        {
            await PageFleet.CloseAsync(open);
        }
    }

    /// <summary>A gateway holds two sockets per open page (the page's and the forwarding one to the silo), so
    /// its open-file limit caps the active pages it can hold; levels above the cap are measured at the cap,
    /// in both ramps so that they stay comparable.</summary>
    private int[] GatewayLevels(string topology, bool noteIt, SuiteResults results)
    {
        const int margin = 2000;
        int limit = MachineInfo.OpenFileLimit();
        int cap = (limit - margin) / 2;
        if (options.KernelLevels.All(level => level <= cap))
            return options.KernelLevels;
        if (noteIt)
            results.Notes.Add($"{topology}: a gateway holds two sockets per open page and this machine's open-file limit is {limit:N0} (`ulimit -n`), so both ramps stop at {cap:N0} kernels instead of {options.KernelLevels[^1]:N0}");
        return [.. options.KernelLevels.Select(level => Math.Min(level, cap)).Distinct()];
    }

    /// <summary>Runs every code path once (JIT, pools) before a baseline is taken.</summary>
    private async Task WarmUpAsync(ServerUnderTest server, CancellationToken cancellation)
    {
        FleetResult warm = await PageFleet.OpenAsync(server.BaseUrl, WarmupPages, options.ConnectConcurrency, keepOpen: true, cancellation);
        foreach (SimulatedPage page in warm.Pages)
            for (int i = 0; i < 5; i++)
                await page.ClickAsync(cancellation);
        await PageFleet.CloseAsync(warm.Pages);
    }

    private static MachineInfo Machine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new MachineInfo(Environment.ProcessorCount, cpu, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, memory);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
