using System.Text.Json.Nodes;
using Solara.Orleans.Benchmarks.Load;
using Solara.Orleans.Benchmarks.Targets;

namespace Solara.Orleans.Benchmarks.Suite;

/// <summary>Everything one suite run measured; written as <c>results.json</c> and rendered as the report.</summary>
public sealed class SuiteResults
{
    public required DateTimeOffset Date { get; init; }
    public required MachineInfo Machine { get; init; }

    /// <summary>/proc/loadavg when the run started and ended: other work on the machine skews latencies.</summary>
    public required string LoadAverageAtStart { get; init; }

    public string LoadAverageAtEnd { get; set; } = "";

    /// <summary>The same phases measured once per topology: embedded, then through a gateway to a silo (or one <c>--target</c>).</summary>
    public List<TopologyResults> Topologies { get; } = [];
    public PeerResults? Peer { get; set; }
    public JsonNode? Persistence { get; set; }
    public List<string> Notes { get; } = [];

    public TopologyResults? Of(string kind) => Topologies.FirstOrDefault(t => t.Kind == kind);
}

/// <summary>The suite's phases against one topology. <see cref="Kind"/> is <c>embedded</c>, <c>cluster</c>
/// (pages through a gateway process to a silo process) or <c>target</c> (a running server at a URL).</summary>
public sealed class TopologyResults
{
    public const string Embedded = "embedded";
    public const string Cluster = "cluster";
    public const string Target = "target";

    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public LatencySummary? SequentialStart { get; set; }
    public List<ClickLevel> ClickLevels { get; } = [];
    public SaturationResult? Saturation { get; set; }
    public List<KernelStage> IdleRamp { get; } = [];
    public List<KernelStage> ActiveRamp { get; } = [];
    public ClickLevel? ClickWithIdleKernels { get; set; }

    /// <summary>Both ramps measured the same kernel counts, so they can share a chart's x axis.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool RampsAlign => IdleRamp.Count > 0 && IdleRamp.Select(s => s.Kernels).SequenceEqual(ActiveRamp.Select(s => s.Kernels));
}

public sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, long MemoryBytes)
{
    /// <summary>The 1, 5 and 15 minute load averages, or "unknown" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>This process' soft limit of open files (its child servers inherit it); int.MaxValue when unknown or unlimited.</summary>
    public static int OpenFileLimit()
    {
        string? line = File.Exists("/proc/self/limits") ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) : null;
        string[] fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return fields.Length > 3 && int.TryParse(fields[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int soft) ? soft : int.MaxValue;
    }
}

/// <summary>Click → update round trip with <paramref name="Pages"/> pages each clicking every <paramref name="IntervalMs"/>.
/// <paramref name="ServerGc"/> is what the kernel host's collector did meanwhile (null when it does not say).</summary>
public sealed record ClickLevel(int Pages, double IntervalMs, double Seconds, int ResidentKernels, LatencySummary Latency, GcReading? ServerGc);

/// <summary>Closed-loop clicking: messages are WebSocket frames in both directions; per core = per second of
/// server CPU (the kernel host's plus, through a gateway, the gateway's <paramref name="GatewayCpuSeconds"/>).</summary>
public sealed record SaturationResult(int Pages, double Seconds, long Clicks, long Frames, double ServerCpuSeconds, double GatewayCpuSeconds)
{
    public double FramesPerSecond => Frames / Seconds;
    public double FramesPerServerCpuSecond => Frames / ServerCpuSeconds;
    public double ServerCoresBusy => ServerCpuSeconds / Seconds;
    public double ClicksPerSecond => Clicks / Seconds;
}

/// <summary>One step of a kernel ramp: <paramref name="Kernels"/> added since the baseline; memory per
/// kernel is the growth over the baseline divided by them. <paramref name="Gateway"/> is the gateway
/// process's growth over the same kernels, when pages went through a gateway the suite started.</summary>
public sealed record KernelStage(int Kernels, LatencySummary Start, double ConnectsPerSecond, long HeapBytes, long RssBytes, long BaselineHeapBytes, long BaselineRssBytes, bool FullGc,
    GatewayGrowth? Gateway = null)
{
    public double HeapPerKernel => (HeapBytes - BaselineHeapBytes) / (double)Kernels;
    public double RssPerKernel => (RssBytes - BaselineRssBytes) / (double)Kernels;
}

/// <summary>The gateway process's memory over a ramp stage, divided by the stage's kernels.</summary>
public sealed record GatewayGrowth(int Kernels, long HeapBytes, long RssBytes, long BaselineHeapBytes, long BaselineRssBytes)
{
    public double HeapPerKernel => (HeapBytes - BaselineHeapBytes) / (double)Kernels;
    public double RssPerKernel => (RssBytes - BaselineRssBytes) / (double)Kernels;
}

public sealed record PeerResults(int Pages, int ClicksPerPage, PeerSide Solara, PeerSide LiveView, string BlazorError);

/// <summary>One server driven by the browser pages: memory growth per session and in-page click latency.
/// <paramref name="FailedPages"/> counts pages whose label did not update within the click script's timeout.</summary>
public sealed record PeerSide(string Name, long BaselineRss, long BaselineHeap, long Rss, long Heap, int Sessions, bool FullGc, LatencySummary Click, LatencySummary Load, int FailedPages)
{
    public double RssPerSession => (Rss - BaselineRss) / (double)Sessions;
    public double HeapPerSession => (Heap - BaselineHeap) / (double)Sessions;
}
