using System.Text.Json.Nodes;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>The Persistence section: every silo's <c>state</c> block summed (restore outcomes and the
/// success ratio, flushes, superseded closes) and their top tables merged by label.</summary>
public static class DashboardPersistence
{
    private static readonly string[] Counters =
    [
        "restore_attempts", "restore_success", "restore_miss", "restore_bailout", "restore_schema_reset",
        "flush_ok", "flush_rejected", "flush_failures", "superseded_closes", "superseded_while_connected",
        "breaker_transitions", "sync_count", "sync_bytes_total",
    ];

    private const int TableRows = 10;

    public static JsonObject Build(IReadOnlyDictionary<string, JsonObject> reports)
    {
        JsonObject[] states = [.. reports.Values.Select(r => r["state"]).OfType<JsonObject>()];
        var totals = new JsonObject();
        foreach (string counter in Counters)
            totals[counter] = states.Sum(s => JsonNumbers.Long(s[counter]) ?? 0);
        totals["restore_success_ratio"] = SuccessRatio(totals);
        totals["status"] = states.Length == 0 ? "off"
            : states.All(s => (string?)s["status"] == "off") ? "off"
            : states.Any(s => (string?)s["status"] == "degraded") ? "degraded" : "healthy";
        return new JsonObject
        {
            ["totals"] = totals,
            ["sync_by_key"] = MergeTable(states, "sync_by_key", "key"),
            ["sync_by_kernel"] = MergeTable(states, "sync_by_kernel", "kernel"),
        };
    }

    /// <summary>A silo's state block without its tables (the section shows the merged ones), with the ratio.</summary>
    public static JsonObject SiloState(JsonObject state)
    {
        JsonObject copy = state.DeepClone().AsObject();
        copy.Remove("sync_by_key");
        copy.Remove("sync_by_kernel");
        copy["restore_success_ratio"] = SuccessRatio(copy);
        return copy;
    }

    /// <summary>Of the restores that found state (success, bail-out, schema reset), the share that succeeded; null before any.</summary>
    public static double? SuccessRatio(JsonObject counts)
    {
        long success = JsonNumbers.Long(counts["restore_success"]) ?? 0;
        long found = success + (JsonNumbers.Long(counts["restore_bailout"]) ?? 0) + (JsonNumbers.Long(counts["restore_schema_reset"]) ?? 0);
        return found == 0 ? null : Math.Round((double)success / found, 4);
    }

    private static JsonArray MergeTable(JsonObject[] states, string table, string labelName)
    {
        var rows = new Dictionary<string, (long Syncs, long Bytes)>(StringComparer.Ordinal);
        foreach (JsonObject row in states.SelectMany(s => (s[table] as JsonArray ?? []).OfType<JsonObject>()))
        {
            string label = (string?)row[labelName] ?? "";
            (long syncs, long bytes) = rows.GetValueOrDefault(label);
            rows[label] = (syncs + (JsonNumbers.Long(row["syncs"]) ?? 0), bytes + (JsonNumbers.Long(row["bytes"]) ?? 0));
        }
        return new JsonArray([.. rows.OrderByDescending(r => r.Value.Bytes).ThenBy(r => r.Key, StringComparer.Ordinal).Take(TableRows)
            .Select(r => (JsonNode?)new JsonObject { [labelName] = r.Key, ["syncs"] = r.Value.Syncs, ["bytes"] = r.Value.Bytes })]);
    }
}
