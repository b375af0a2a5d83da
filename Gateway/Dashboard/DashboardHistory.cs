using System.Text.Json.Nodes;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>The dashboard's memory, kept in the gateway while someone watches: a ring of time-series points
/// (rates between consecutive samples, per silo, summed) and a ring of events (silo status changes, silos
/// restoring kernels). Not thread-safe: the sampler serialises calls.</summary>
public sealed class DashboardHistory(int maxPoints = 600, int maxEvents = 200)
{
    private readonly LinkedList<JsonObject> _points = new();
    private readonly LinkedList<JsonObject> _events = new();
    private readonly Dictionary<string, JsonObject> _previousMetrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _previousCpu = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _previousStatus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Found, long Bailout)> _previousRestored = new(StringComparer.Ordinal);
    private DateTimeOffset? _previousAt;
    private long _seq;

    public IEnumerable<JsonObject> Points => _points;
    public IEnumerable<JsonObject> Events => _events;
    public long LastSeq => _seq;

    /// <summary>CPU use of each silo over the last interval, in percent of one core, from <c>process.cpu_seconds</c>.</summary>
    public Dictionary<string, double> CpuPercent { get; } = new(StringComparer.Ordinal);

    /// <summary>Takes one sample: <paramref name="reports"/> by silo address, <paramref name="silos"/> as judged now.</summary>
    public void Record(DateTimeOffset at, IReadOnlyDictionary<string, JsonObject> reports, IReadOnlyList<SiloStatusRow> silos)
    {
        RecordStatusEvents(at, silos);
        RecordRestoreEvents(at, reports);
        CpuPercent.Clear();
        if (_previousAt is { } previousAt && (at - previousAt).TotalSeconds is > 0.05 and var seconds)
        {
            var deltas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach ((string silo, JsonObject report) in reports)
            {
                if (report["metrics"] is JsonObject metrics && _previousMetrics.TryGetValue(silo, out JsonObject? before))
                    deltas[silo] = MetricsMath.Delta(metrics, before);
                if (JsonNumbers.Double(report["process"]?["cpu_seconds"]) is { } cpu && _previousCpu.TryGetValue(silo, out double cpuBefore))
                    CpuPercent[silo] = Math.Round(Math.Max(0, cpu - cpuBefore) / seconds * 100, 1);
            }
            JsonObject current = MetricsMath.Sum(reports.Values.Select(r => r["metrics"] as JsonObject));
            Add(_points, DashboardPoint.Build(++_seq, at, seconds, deltas, current), maxPoints);
        }
        _previousMetrics.Clear();
        _previousCpu.Clear();
        foreach ((string silo, JsonObject report) in reports)
        {
            if (report["metrics"] is JsonObject metrics)
                _previousMetrics[silo] = metrics;
            if (JsonNumbers.Double(report["process"]?["cpu_seconds"]) is { } cpu)
                _previousCpu[silo] = cpu;
        }
        _previousAt = at;
    }

    public IEnumerable<JsonObject> PointsSince(long seq) => _points.Where(p => JsonNumbers.Long(p["seq"]) > seq);

    private void RecordStatusEvents(DateTimeOffset at, IReadOnlyList<SiloStatusRow> silos)
    {
        foreach (SiloStatusRow silo in silos)
        {
            string label = silo.Label;
            if (!_previousStatus.TryGetValue(silo.Address, out string? before))
                Event(at, silo.Address, "status", $"silo {silo.Address} is {label}", silo.Healthy ? "info" : "error");
            else if (before != label)
                Event(at, silo.Address, "status", $"silo {silo.Address}: {before} → {label}", silo.Healthy ? "info" : "error");
            _previousStatus[silo.Address] = label;
        }
        foreach (string gone in _previousStatus.Keys.Except(silos.Select(s => s.Address)).ToArray())
        {
            Event(at, gone, "status", $"silo {gone} left the membership table", "info");
            _previousStatus.Remove(gone);
        }
    }

    /// <summary>A silo that restored state it found (success, bail-out or schema reset; not misses) since the last sample.</summary>
    private void RecordRestoreEvents(DateTimeOffset at, IReadOnlyDictionary<string, JsonObject> reports)
    {
        foreach ((string silo, JsonObject report) in reports)
        {
            if (report["state"] is not JsonObject state)
                continue;
            long success = JsonNumbers.Long(state["restore_success"]) ?? 0, bailout = JsonNumbers.Long(state["restore_bailout"]) ?? 0, reset = JsonNumbers.Long(state["restore_schema_reset"]) ?? 0;
            long found = success + bailout + reset;
            if (_previousRestored.TryGetValue(silo, out var before) && found > before.Found)
            {
                long added = found - before.Found;
                Event(at, silo, "restore", $"silo {silo} restored {added} kernel{(added == 1 ? "" : "s")} (totals: {success} success, {bailout} bail-out, {reset} schema reset)",
                    bailout > before.Bailout ? "warn" : "info");
            }
            _previousRestored[silo] = (found, bailout);
        }
    }

    private void Event(DateTimeOffset at, string silo, string kind, string text, string severity) =>
        Add(_events, new JsonObject { ["t"] = at.ToUnixTimeMilliseconds(), ["silo"] = silo, ["kind"] = kind, ["text"] = text, ["severity"] = severity }, maxEvents);

    private static void Add(LinkedList<JsonObject> ring, JsonObject item, int max)
    {
        ring.AddLast(item);
        while (ring.Count > max)
            ring.RemoveFirst();
    }
}
