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
                if (AddressOf(silo) is { } address && !Failed(silo))
                    bySilo[address] = silo;
            }
        }
        else if (AddressOf(report) is { } single)
        {
            bySilo[single] = report;
        }
        return bySilo;
    }

    /// <summary>Why each silo of a cluster report did not answer (its entry holds only <c>error</c> and the membership fields).</summary>
    public static IReadOnlyDictionary<string, string> Errors(JsonObject report) =>
        (report["silos"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(Failed)
            .Select(s => (Address: AddressOf(s), Error: (string?)s["error"] ?? "no answer"))
            .Where(s => s.Address is not null)
            .ToDictionary(s => s.Address!, s => s.Error, StringComparer.Ordinal);

    private static bool Failed(JsonObject silo) => silo["error"] is not null && silo["kernels"] is null;

    /// <summary><c>"silo": "a@1"</c> (cluster entry) or <c>"silo": {"address": "a@1"}</c> (a silo's own report).</summary>
    private static string? AddressOf(JsonObject report) => report["silo"] switch
    {
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonObject silo => (string?)silo["address"],
        _ => null,
    };
}
