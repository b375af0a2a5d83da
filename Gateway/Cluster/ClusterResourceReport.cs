using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Gateway.Cluster;

/// <summary>A gateway's <c>/resourcez</c> in a cluster: every silo's own report under <c>silos</c>, and
/// the <c>kernels</c> counters summed over the silos that answered.</summary>
public static class ClusterResourceReport
{
    public static JsonObject Combine(MembershipSnapshot snapshot, IReadOnlyList<MembershipEntry> rows, IReadOnlyList<JsonObject?> reports, TimeSpan lease)
    {
        var silos = new JsonArray();
        var kernels = new JsonObject();
        for (int i = 0; i < rows.Count; i++)
        {
            MembershipEntry row = rows[i];
            JsonObject report = reports[i] ?? new JsonObject { ["error"] = "no answer" };
            report["silo"] = row.Silo.ToString();
            report["endpoint"] = row.Silo.Endpoint;
            report["generation"] = row.Silo.Generation;
            report["status"] = row.Status.ToString();
            report["live"] = row.IsLive(snapshot.Now, lease);
            report["heartbeat_age_seconds"] = Math.Round((snapshot.Now - row.IAmAliveTime).TotalSeconds, 3);
            report["uptime_seconds"] = Math.Round((snapshot.Now - row.StartTime).TotalSeconds, 1);
            if (report["kernels"] is JsonObject siloKernels)
                Add(kernels, siloKernels);
            silos.Add(report);
        }
        return new JsonObject
        {
            ["kernels"] = kernels,
            ["silos"] = silos,
            ["membership_version"] = snapshot.Version,
        };
    }

    private static void Add(JsonObject total, JsonObject part)
    {
        foreach ((string name, JsonNode? value) in part)
        {
            if (value is JsonValue number && number.TryGetValue(out long n))
                total[name] = (total[name] is JsonValue existing && existing.TryGetValue(out long sum) ? sum : 0) + n;
        }
    }
}
