using System.Text.Json.Serialization;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>A server's memory and CPU time at one moment. <c>Rss</c> is the process working set,
/// <c>HeapUsed</c> the managed (or V8) heap; <c>FullGc</c> says whether a full collection ran first.
/// Field names match the JSON of both servers' <c>/_bench/memory</c>.</summary>
public sealed record MemoryReading(
    [property: JsonPropertyName("rss")] long Rss,
    [property: JsonPropertyName("heapUsed")] long HeapUsed,
    [property: JsonPropertyName("cpuSeconds")] double CpuSeconds,
    [property: JsonPropertyName("fullGc")] bool FullGc);
