using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Grains.Metrics;

/// <summary>A <see cref="MeterListener"/> on one <see cref="Meter"/> instance that keeps running totals:
/// counters summed per tag value (observable counters: their last total), gauges at their last observation, histograms in
/// <see cref="LatencyBuckets"/>. <see cref="Report"/> is the <c>metrics</c> block of the silo's report:
/// cumulative values that a reader turns into rates by subtracting two reports.</summary>
public sealed class MetricsAggregator : IDisposable
{
    /// <summary>The tag value of a measurement without tags.</summary>
    public const string Untagged = "";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tag), Cell> _counters = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tag), Cell> _observed = new();
    private readonly ConcurrentDictionary<string, LatencyBuckets> _histograms = new(StringComparer.Ordinal);
    private readonly Lock _observeLock = new();

    public MetricsAggregator(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnLong(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Histogram(instrument.Name).Record(value));
        _listener.Start();
    }

    /// <summary>The running total of counter <paramref name="instrument"/> for one tag value
    /// (observable instruments: their last observation; call <see cref="Report"/> first to observe).</summary>
    public long Value(string instrument, string tag = Untagged) =>
        (_counters.GetValueOrDefault((instrument, tag)) ?? _observed.GetValueOrDefault((instrument, tag)))?.Read() ?? 0;

    public LatencyBuckets Histogram(string instrument) => _histograms.GetOrAdd(instrument, _ => new LatencyBuckets());

    /// <summary><c>{"counters": {name: {tag: total}}, "gauges": {name: {tag: value}}, "histograms": {name: {bounds, counts, count, sum}}}</c>,
    /// observing the observable instruments now.</summary>
    public JsonObject Report()
    {
        lock (_observeLock)
            _listener.RecordObservableInstruments();
        var histograms = new JsonObject();
        foreach ((string name, LatencyBuckets buckets) in _histograms.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            long[] counts = buckets.Counts();
            histograms[name] = new JsonObject
            {
                ["bounds"] = new JsonArray([.. LatencyBuckets.Bounds.Select(b => (JsonNode?)b)]),
                ["counts"] = new JsonArray([.. counts.Select(c => (JsonNode?)c)]),
                ["count"] = counts.Sum(),
                ["sum"] = Math.Round(buckets.SumMilliseconds, 3),
            };
        }
        return new JsonObject
        {
            ["counters"] = Table(_counters),
            ["gauges"] = Table(_observed),
            ["histograms"] = histograms,
        };
    }

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string tag = tags.Length == 0 ? Untagged : tags[0].Value?.ToString() ?? Untagged;
        if (instrument is ObservableCounter<long>)
            _counters.GetOrAdd((instrument.Name, tag), _ => new Cell()).Set(value);
        else if (instrument.IsObservable)
            _observed.GetOrAdd((instrument.Name, tag), _ => new Cell()).Set(value);
        else
            _counters.GetOrAdd((instrument.Name, tag), _ => new Cell()).Add(value);
    }

    private static JsonObject Table(ConcurrentDictionary<(string Instrument, string Tag), Cell> cells)
    {
        var table = new JsonObject();
        foreach (var group in cells.GroupBy(c => c.Key.Instrument).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byTag = new JsonObject();
            foreach (var cell in group.OrderBy(c => c.Key.Tag, StringComparer.Ordinal))
                byTag[cell.Key.Tag] = cell.Value.Read();
            table[group.Key] = byTag;
        }
        return table;
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Cell
    {
        private long _value;

        public void Add(long amount) => Interlocked.Add(ref _value, amount);

        public void Set(long value) => Interlocked.Exchange(ref _value, value);

        public long Read() => Interlocked.Read(ref _value);
    }
}
