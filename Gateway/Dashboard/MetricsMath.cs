using System.Text.Json.Nodes;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>Arithmetic on the silos' <c>metrics</c> blocks (<c>counters</c>/<c>gauges</c>: name → tag → value;
/// <c>histograms</c>: name → fixed bounds and cumulative counts): the cluster sum, the change between two
/// reports of one silo, and percentiles of a bucket histogram.</summary>
public static class MetricsMath
{
    /// <summary>Every silo's block added up, tag by tag and bucket by bucket.</summary>
    public static JsonObject Sum(IEnumerable<JsonObject?> blocks)
    {
        var counters = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var gauges = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var histograms = new Dictionary<string, Histogram>(StringComparer.Ordinal);
        foreach (JsonObject block in blocks.OfType<JsonObject>())
        {
            AddTable(counters, block["counters"] as JsonObject, 1);
            AddTable(gauges, block["gauges"] as JsonObject, 1);
            foreach ((string name, JsonNode? node) in block["histograms"] as JsonObject ?? [])
            {
                if (Histogram.From(node as JsonObject) is not { } histogram)
                    continue;
                histograms[name] = histograms.TryGetValue(name, out Histogram? sum) ? sum.Plus(histogram, 1) : histogram;
            }
        }
        return Block(counters, gauges, histograms);
    }

    /// <summary><paramref name="current"/> minus <paramref name="previous"/> for counters and histograms (a
    /// value that went down — a restarted counter — counts from zero); gauges as in <paramref name="current"/>.</summary>
    public static JsonObject Delta(JsonObject current, JsonObject? previous)
    {
        var counters = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        AddTable(counters, current["counters"] as JsonObject, 1);
        var before = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        AddTable(before, previous?["counters"] as JsonObject, 1);
        foreach ((string name, Dictionary<string, double> tags) in counters)
        {
            foreach (string tag in tags.Keys.ToArray())
            {
                double old = before.GetValueOrDefault(name)?.GetValueOrDefault(tag) ?? 0;
                tags[tag] = tags[tag] >= old ? tags[tag] - old : tags[tag];
            }
        }
        var gauges = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        AddTable(gauges, current["gauges"] as JsonObject, 1);
        var histograms = new Dictionary<string, Histogram>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? node) in current["histograms"] as JsonObject ?? [])
        {
            if (Histogram.From(node as JsonObject) is not { } now)
                continue;
            Histogram? then = Histogram.From(previous?["histograms"]?[name] as JsonObject);
            histograms[name] = then is not null && now.Count >= then.Count && then.Bounds.SequenceEqual(now.Bounds) ? now.Plus(then, -1) : now;
        }
        return Block(counters, gauges, histograms);
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of a bucket histogram, interpolated inside its bucket;
    /// null when it holds no samples. The overflow bucket answers its lower bound.</summary>
    public static double? Percentile(JsonObject? histogram, double quantile)
    {
        if (Histogram.From(histogram) is not { Count: > 0 } h)
            return null;
        double rank = quantile * h.Count;
        double seen = 0;
        for (int i = 0; i < h.Counts.Length; i++)
        {
            if (h.Counts[i] <= 0)
                continue;
            if (seen + h.Counts[i] >= rank)
            {
                double lower = i == 0 ? 0 : h.Bounds[i - 1];
                if (i >= h.Bounds.Length)
                    return lower;
                double upper = h.Bounds[i];
                return Math.Round(lower + (upper - lower) * Math.Clamp((rank - seen) / h.Counts[i], 0, 1), 3);
            }
            seen += h.Counts[i];
        }
        return h.Bounds.Length > 0 ? h.Bounds[^1] : null;
    }

    /// <summary>The total of counter <paramref name="name"/> over all its tags.</summary>
    public static double Total(JsonObject? block, string table, string name) =>
        (block?[table]?[name] as JsonObject)?.Sum(t => JsonNumbers.Double(t.Value) ?? 0) ?? 0;

    /// <summary>Counter <paramref name="name"/> by tag.</summary>
    public static Dictionary<string, double> ByTag(JsonObject? block, string table, string name) =>
        (block?[table]?[name] as JsonObject)?.ToDictionary(t => t.Key, t => JsonNumbers.Double(t.Value) ?? 0, StringComparer.Ordinal)
        ?? new Dictionary<string, double>(StringComparer.Ordinal);

    private static void AddTable(Dictionary<string, Dictionary<string, double>> into, JsonObject? table, double sign)
    {
        foreach ((string name, JsonNode? tags) in table ?? [])
        {
            if (!into.TryGetValue(name, out Dictionary<string, double>? row))
                into[name] = row = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach ((string tag, JsonNode? value) in tags as JsonObject ?? [])
                row[tag] = row.GetValueOrDefault(tag) + sign * (JsonNumbers.Double(value) ?? 0);
        }
    }

    private static JsonObject Block(Dictionary<string, Dictionary<string, double>> counters, Dictionary<string, Dictionary<string, double>> gauges, Dictionary<string, Histogram> histograms)
    {
        static JsonObject Table(Dictionary<string, Dictionary<string, double>> table) =>
            new(table.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create<string, JsonNode?>(t.Key,
                new JsonObject(t.Value.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => KeyValuePair.Create<string, JsonNode?>(v.Key, v.Value))))));
        return new JsonObject
        {
            ["counters"] = Table(counters),
            ["gauges"] = Table(gauges),
            ["histograms"] = new JsonObject(histograms.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => KeyValuePair.Create<string, JsonNode?>(h.Key, h.Value.ToJson()))),
        };
    }

    private sealed record Histogram(double[] Bounds, double[] Counts, double Sum)
    {
        public double Count => Counts.Sum();

        public static Histogram? From(JsonObject? json)
        {
            if (json?["bounds"] is not JsonArray bounds || json["counts"] is not JsonArray counts || counts.Count != bounds.Count + 1)
                return null;
            return new Histogram([.. bounds.Select(b => JsonNumbers.Double(b) ?? 0)], [.. counts.Select(c => JsonNumbers.Double(c) ?? 0)], JsonNumbers.Double(json["sum"]) ?? 0);
        }

        /// <summary>Bucket-wise <c>this + sign × other</c>; histograms with other bounds are not combined.</summary>
        public Histogram Plus(Histogram other, double sign) => other.Bounds.SequenceEqual(Bounds)
            ? new Histogram(Bounds, [.. Counts.Zip(other.Counts, (a, b) => a + sign * b)], Sum + sign * other.Sum)
            : this;

        public JsonObject ToJson() => new()
        {
            ["bounds"] = new JsonArray([.. Bounds.Select(b => (JsonNode?)b)]),
            ["counts"] = new JsonArray([.. Counts.Select(c => (JsonNode?)c)]),
            ["count"] = Count,
            ["sum"] = Math.Round(Sum, 3),
        };
    }
}
