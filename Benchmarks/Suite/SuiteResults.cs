using System.Text.Json.Nodes;
using Solara.Orleans.Benchmarks.Load;

namespace Solara.Orleans.Benchmarks.Suite;

/// <summary>Everything one suite run measured; written as <c>results.json</c> and rendered as the report.</summary>
public sealed class SuiteResults
{
    public required DateTimeOffset Date { get; init; }
    public required MachineInfo Machine { get; init; }
    public required string Target { get; init; }
    public required bool TargetIsChildProcess { get; init; }

    /// <summary>/proc/loadavg when the run started and ended: other work on the machine skews latencies.</summary>
    public required string LoadAverageAtStart { get; init; }

    public string LoadAverageAtEnd { get; set; } = "";
    public LatencySummary? SequentialStart { get; set; }
    public List<ClickLevel> ClickLevels { get; } = [];
    public SaturationResult? Saturation { get; set; }
    public List<KernelStage> IdleRamp { get; } = [];
    public List<KernelStage> ActiveRamp { get; } = [];
    public ClickLevel? ClickWithIdleKernels { get; set; }
    public PeerResults? Peer { get; set; }
    public JsonNode? Persistence { get; set; }
    public List<string> Notes { get; } = [];
}

public sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, long MemoryBytes)
{
    /// <summary>The 1, 5 and 15 minute load averages, or "unknown" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

/// <summary>Click → update round trip with <paramref name="Pages"/> pages each clicking every <paramref name="IntervalMs"/>.</summary>
public sealed record ClickLevel(int Pages, double IntervalMs, double Seconds, int ResidentKernels, LatencySummary Latency);

/// <summary>Closed-loop clicking: messages are WebSocket frames in both directions; per core = per second of server CPU.</summary>
public sealed record SaturationResult(int Pages, double Seconds, long Clicks, long Frames, double ServerCpuSeconds)
{
    public double FramesPerSecond => Frames / Seconds;
    public double FramesPerServerCpuSecond => Frames / ServerCpuSeconds;
    public double ServerCoresBusy => ServerCpuSeconds / Seconds;
    public double ClicksPerSecond => Clicks / Seconds;
}

/// <summary>One step of a kernel ramp: <paramref name="Kernels"/> added since the baseline; memory per
/// kernel is the growth over the baseline divided by them.</summary>
public sealed record KernelStage(int Kernels, LatencySummary Start, double ConnectsPerSecond, long HeapBytes, long RssBytes, long BaselineHeapBytes, long BaselineRssBytes, bool FullGc)
{
    public double HeapPerKernel => (HeapBytes - BaselineHeapBytes) / (double)Kernels;
    public double RssPerKernel => (RssBytes - BaselineRssBytes) / (double)Kernels;
}

public sealed record PeerResults(int Pages, int ClicksPerPage, PeerSide Solara, PeerSide LiveView, string BlazorError);

/// <summary>One server driven by the browser pages: memory growth per session and in-page click latency.</summary>
public sealed record PeerSide(string Name, long BaselineRss, long BaselineHeap, long Rss, long Heap, int Sessions, bool FullGc, LatencySummary Click, LatencySummary Load)
{
    public double RssPerSession => (Rss - BaselineRss) / (double)Sessions;
    public double HeapPerSession => (Heap - BaselineHeap) / (double)Sessions;
}
