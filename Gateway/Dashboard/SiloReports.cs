using System.Text.Json.Nodes;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>The per-silo reports inside what <c>IKernelGateway.ReportResourcesAsync</c> returned: a
/// cluster gateway's <c>{"silos": [{"silo": "endpoint@generation", ...}], "totals": {...}}</c>, or the
/// embedded single silo's report (keyed by its <c>silo.address</c>).</summary>
public static class SiloReports
{
    public static IReadOnlyDictionary<string, JsonObject> Split(JsonObject report)
    {
        var bySilo = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (report["silos"] is JsonArray silos)
        {
            foreach (JsonObject silo in silos.OfType<JsonObject>())
            {
                if (AddressOf(silo) is { } address)
                    bySilo[address] = silo;
            }
        }
        else if (AddressOf(report) is { } single)
        {
            bySilo[single] = report;
        }
        return bySilo;
    }

    /// <summary><c>"silo": "a@1"</c> (cluster entry) or <c>"silo": {"address": "a@1"}</c> (a silo's own report).</summary>
    private static string? AddressOf(JsonObject report) => report["silo"] switch
    {
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonObject silo => (string?)silo["address"],
        _ => null,
    };
}
