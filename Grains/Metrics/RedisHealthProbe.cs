using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State.Redis;

namespace Solara.Orleans.Grains.Metrics;

/// <summary>The <c>redis</c> block of a silo's report: whether the state Redis answers <c>INFO memory</c>
/// through the state backend's connection, how long it took, used memory against <c>maxmemory</c>, and the
/// eviction policy. Probed at most once per <see cref="MinInterval"/>; a failure is reported, never thrown.</summary>
public sealed class RedisHealthProbe(RedisStateBackend backend, TimeProvider time)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private JsonObject? _last;
    private DateTimeOffset _lastAt;

    public async Task<JsonObject> ReportAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_last is null || time.GetUtcNow() - _lastAt >= MinInterval)
            {
                _last = await ProbeAsync();
                _lastAt = time.GetUtcNow();
            }
            return _last.DeepClone().AsObject();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JsonObject> ProbeAsync()
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            string? info = await backend.MemoryInfoAsync();
            double latency = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3);
            if (info is null)
                return new JsonObject { ["reachable"] = null, ["error"] = "this connection cannot run INFO" };
            return FromInfo(info, latency);
        }
        catch (Exception e)
        {
            return new JsonObject
            {
                ["reachable"] = false,
                ["latency_ms"] = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3),
                ["error"] = $"{e.GetType().Name}: {e.Message}",
            };
        }
    }

    /// <summary>The block for one <c>INFO memory</c> answer (<c>maxmemory</c> 0 means no limit: null).</summary>
    public static JsonObject FromInfo(string info, double latencyMilliseconds)
    {
        Dictionary<string, string> fields = info.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line[0] != '#' && line.Contains(':'))
            .Select(line => line.Split(':', 2))
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        long? used = Number(fields, "used_memory");
        long? max = Number(fields, "maxmemory") is > 0 and var m ? m : null;
        return new JsonObject
        {
            ["reachable"] = true,
            ["latency_ms"] = latencyMilliseconds,
            ["used_memory_bytes"] = used,
            ["maxmemory_bytes"] = max,
            ["used_ratio"] = used is { } u && max is { } limit ? Math.Round((double)u / limit, 4) : null,
            ["maxmemory_policy"] = fields.GetValueOrDefault("maxmemory_policy"),
            ["error"] = null,
        };
    }

    private static long? Number(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out string? text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
}
