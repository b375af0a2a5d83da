using System.Text.Json.Serialization;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>A process' garbage collections so far: how many of each generation, their total pause, and the bytes allocated.
/// Two readings around a phase say how much of its latency tail the server's collector explains.</summary>
public sealed record GcReading(
    [property: JsonPropertyName("gen0")] int Gen0,
    [property: JsonPropertyName("gen1")] int Gen1,
    [property: JsonPropertyName("gen2")] int Gen2,
    [property: JsonPropertyName("pauseMs")] double PauseMs,
    [property: JsonPropertyName("serverGc")] bool ServerGc,
    [property: JsonPropertyName("allocatedBytes")] long AllocatedBytes)
{
    public static GcReading Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalMilliseconds, System.Runtime.GCSettings.IsServerGC, GC.GetTotalAllocatedBytes());

    /// <summary>What happened between <paramref name="before"/> and this reading.</summary>
    public GcReading Since(GcReading before) =>
        new(Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, PauseMs - before.PauseMs, ServerGc, AllocatedBytes - before.AllocatedBytes);
}
