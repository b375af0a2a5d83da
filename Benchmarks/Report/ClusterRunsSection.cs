using System.Text;
using System.Text.Json.Nodes;
using Solara.Orleans.Benchmarks.Suite;
using static Solara.Orleans.Benchmarks.Report.ReportText;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>The figures of the separate <c>persistence</c> and <c>failover</c> commands, read from their
/// JSON in the results folder.</summary>
internal static class ClusterRunsSection
{
    public static void Write(StringBuilder md, SuiteResults r, IReadOnlyList<FailoverRun> failovers)
    {
        Persistence(md, r);
        Failover(md, failovers);
    }

    private static void Persistence(StringBuilder md, SuiteResults r)
    {
        Line(md, "## Persistence cost (issue 8 part 5)");
        Line(md);
        if (r.Persistence is null)
        {
            Line(md, "No `persistence.json` in the results folder when this report was generated (the `persistence` command writes it).");
            Line(md);
            return;
        }
        Line(md, "From [persistence.json](persistence.json), written by the `persistence` command:");
        Line(md);
        Line(md, "| figure | value |");
        Line(md, "|---|---|");
        foreach ((string path, string value) in Flatten(r.Persistence, "").Take(80))
            Line(md, $"| `{path}` | {value} |");
        Line(md);
    }

    private static void Failover(StringBuilder md, IReadOnlyList<FailoverRun> runs)
    {
        Line(md, "## Failover (issue 8 part 4)");
        Line(md);
        if (runs.Count == 0)
        {
            Line(md, "No `failover-*.json` in Benchmarks/results (the `failover` command writes them).");
            Line(md);
            return;
        }
        Line(md, "From `dotnet run -c Release --project Benchmarks -- failover` (2 silo processes, 1 gateway, own redis-server; 1,000 counter pages at 3 clicks; the silo hosting most of them is SIGKILLed; pages reconnect as the client does). Target: 99 % ≤ 2 s, 0 acknowledged values lost.");
        Line(md);
        Line(md, "| run | lease / heartbeat | other settings | one page: SIGKILL → restored, median of rounds | declared dead, median | pages on the killed silo | 50 % remounted | 99 % remounted | values lost |");
        Line(md, "|---|---|---|---|---|---|---|---|---|");
        foreach (FailoverRun run in runs)
        {
            JsonNode j = run.Json, single = j["single_page"]!, many = j["many_pages"]!;
            Line(md, $"| [{run.File}]({run.File}) | {j["lease_ms"]} ms / {j["heartbeat_ms"]} ms | {(run.ExtraSettings.Length > 0 ? run.ExtraSettings : "—")} | {single["restored_ms"]!["median"]} ms | {single["declared_dead_ms"]!["median"]} ms | {many["pages_on_killed_silo"]} | {Ms(run.Remounted50Ms)} | {Ms(run.Remounted99Ms)} | {run.ValuesLost} |");
        }
        Line(md);
    }

    private static IEnumerable<(string Path, string Value)> Flatten(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray a when a.All(x => x is JsonValue) => [(path, string.Join(", ", a.Select(x => x?.ToJsonString())))],
        JsonArray a => a.SelectMany((x, i) => Flatten(x, $"{path}[{i}]")),
        null => [(path, "null")],
        _ => [(path, node.ToJsonString().Replace("|", "\\|", StringComparison.Ordinal))],
    };
}
