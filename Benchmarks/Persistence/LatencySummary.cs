using System.Globalization;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Benchmarks.Persistence;

/// <summary>Percentiles of a set of durations in milliseconds.</summary>
public sealed record LatencySummary(int N, double P50, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        double[] sorted = [.. milliseconds.Order()];
        if (sorted.Length == 0)
            throw new InvalidOperationException("no samples to summarise");
        return new LatencySummary(sorted.Length, ClickLatency.Percentile(sorted, 50), ClickLatency.Percentile(sorted, 99), sorted[^1]);
    }

    public JsonObject ToJson() => new() { ["n"] = N, ["p50_ms"] = Round(P50), ["p99_ms"] = Round(P99), ["max_ms"] = Round(Max) };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50={P50:F3}ms p99={P99:F3}ms max={Max:F3}ms n={N}");

    private static double Round(double ms) => Math.Round(ms, 3);
}
