using System.Text.Json.Nodes;
using Solara.Orleans.Benchmarks.Suite;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>The <c>failover</c> command's runs as saved in Benchmarks/results (<c>failover-*.json</c>).</summary>
public sealed record FailoverRun(string File, JsonNode Json)
{
    public double LeaseMs => Json["lease_ms"]!.GetValue<double>();
    public double Remounted99Ms => Json["many_pages"]!["remounted_99_percent_ms"]!.GetValue<double>();
    public double Remounted50Ms => Json["many_pages"]!["remounted_50_percent_ms"]!.GetValue<double>();
    public int ValuesLost => Json["many_pages"]!["acknowledged_values_lost"]!.GetValue<int>();

    /// <summary>Settings passed with <c>--set</c> beyond the lease and heartbeat, as <c>NAME=VALUE</c>.</summary>
    public string ExtraSettings => string.Join(", ", (Json["settings"] as JsonObject ?? [])
        .Where(s => s.Key is not ("SOLARA_CLUSTER_LEASE" or "SOLARA_CLUSTER_HEARTBEAT"))
        .Select(s => $"{s.Key}={s.Value}"));

    public static IReadOnlyList<FailoverRun> Load()
    {
        string folder = Path.Combine(SuiteOptions.RepositoryRoot(), "Benchmarks", "results");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "failover-*.json").Order().Select(f => new FailoverRun(Path.GetFileName(f), JsonNode.Parse(System.IO.File.ReadAllText(f))!))]
            : [];
    }
}
