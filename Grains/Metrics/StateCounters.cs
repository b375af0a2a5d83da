using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Grains.Metrics;

/// <summary>The restore and flush totals of <see cref="StateStats"/> as tagged measurements.</summary>
internal static class StateCounters
{
    private static readonly (string Field, string Outcome)[] RestoreFields =
        [("restore_success", "success"), ("restore_miss", "miss"), ("restore_bailout", "bailout"), ("restore_schema_reset", "schema_reset")];

    private static readonly (string Field, string Outcome)[] FlushFields =
        [("flush_ok", "ok"), ("flush_rejected", "rejected"), ("flush_failures", "failed")];

    public static IEnumerable<Measurement<long>> Restores(StateStats stats) => Read(stats, RestoreFields);

    public static IEnumerable<Measurement<long>> Flushes(StateStats stats) => Read(stats, FlushFields);

    private static Measurement<long>[] Read(StateStats stats, (string Field, string Outcome)[] fields)
    {
        JsonObject report = stats.Report(verbose: false, redact: true, _ => "");
        return fields
            .Select(f => new Measurement<long>((long?)report[f.Field] ?? 0, new KeyValuePair<string, object?>("outcome", f.Outcome)))
            .ToArray();
    }
}
