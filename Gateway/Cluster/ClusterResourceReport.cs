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
            report["membership"] = new JsonObject
            {
                ["silo"] = row.Silo.ToString(),
                ["endpoint"] = row.Silo.Endpoint,
                ["generation"] = row.Silo.Generation,
                ["status"] = row.Status.ToString(),
                ["live"] = row.IsLive(snapshot.Now, lease),
                ["activations"] = row.Activations,
                ["heartbeat_age_seconds"] = Math.Round((snapshot.Now - row.IAmAliveTime).TotalSeconds, 3),
                ["uptime_seconds"] = Math.Round((snapshot.Now - row.StartTime).TotalSeconds, 1),
            };
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
