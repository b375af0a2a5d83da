using System.Text.Json.Nodes;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>One point of the dashboard's time series: rates over the interval since the previous sample,
/// summed over the silos that reported both times, plus the gauges at the sample.</summary>
public static class DashboardPoint
{
    public const string MessagesIn = "solara.kernel.messages.in";
    public const string MessagesOut = "solara.kernel.messages.out";
    public const string TurnDuration = "solara.kernel.turn.duration";
    public const string Errors = "solara.kernel.errors";
    public const string Restores = "solara.state.restores";
    public const string Flushes = "solara.state.flushes";
    public const string MailboxQueued = "solara.kernel.mailbox.queued";
    public const string Active = "solara.kernel.active";

    /// <param name="deltas">per silo: its metrics now minus its metrics at the previous sample.</param>
    public static JsonObject Build(long seq, DateTimeOffset at, double seconds, IReadOnlyDictionary<string, JsonObject> deltas, JsonObject current)
    {
        JsonObject sum = MetricsMath.Sum(deltas.Values);
        JsonObject? turns = sum["histograms"]?[TurnDuration] as JsonObject;
        return new JsonObject
        {
            ["seq"] = seq,
            ["t"] = at.ToUnixTimeMilliseconds(),
            ["in"] = Rates(MetricsMath.ByTag(sum, "counters", MessagesIn), seconds),
            ["out"] = Rates(MetricsMath.ByTag(sum, "counters", MessagesOut), seconds),
            ["in_total"] = Math.Round(MetricsMath.Total(sum, "counters", MessagesIn) / seconds, 2),
            ["out_total"] = Math.Round(MetricsMath.Total(sum, "counters", MessagesOut) / seconds, 2),
            ["errors"] = Math.Round(MetricsMath.Total(sum, "counters", Errors) / seconds, 2),
            ["restores"] = Rates(MetricsMath.ByTag(sum, "counters", Restores), seconds),
            ["flushes"] = Rates(MetricsMath.ByTag(sum, "counters", Flushes), seconds),
            ["p50"] = MetricsMath.Percentile(turns, 0.5),
            ["p99"] = MetricsMath.Percentile(turns, 0.99),
            ["turns"] = Math.Round((JsonNumbers.Double(turns?["count"]) ?? 0) / seconds, 2),
            ["queued"] = MetricsMath.Total(current, "gauges", MailboxQueued),
            ["kernels"] = MetricsMath.Total(current, "gauges", Active),
            ["by_silo"] = new JsonObject(deltas.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => KeyValuePair.Create<string, JsonNode?>(d.Key,
                Math.Round(MetricsMath.Total(d.Value, "counters", MessagesIn) / seconds, 2)))),
        };
    }

    private static JsonObject Rates(Dictionary<string, double> counts, double seconds) =>
        new(counts.Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => KeyValuePair.Create<string, JsonNode?>(c.Key, Math.Round(c.Value / seconds, 2))));
}
