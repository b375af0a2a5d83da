using System.Text.Json.Nodes;
using Solara.Orleans.Grains.State.Resilience;

namespace Solara.Orleans.Grains.State;

/// <summary>The live counters of the <c>/resourcez</c> <c>state</c> block (process-wide, no
/// backend I/O to read them). Only acknowledged writes count as syncs, so retries never double-count.</summary>
public sealed class StateStats(TimeProvider time)
{
    /// <summary>Rows kept per sync table before further labels fold into <c>(other)</c>.</summary>
    public const int MaxTableRows = 500;
    public const string OtherLabel = "(other)";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SyncRow> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyncRow> _byKernel = new(StringComparer.Ordinal);
    private long _restoreAttempts, _restoreSuccess, _restoreBailout, _restoreMiss, _restoreSchemaReset, _restoreBytes;
    private long _flushOk, _flushRejected, _flushFailures, _supersededCloses, _supersededWhileConnected;
    private long _syncCount, _syncBytes, _keysDropped, _kernelsDropped, _oversizeDropped;
    private DateTimeOffset? _lastOk;
    private string? _lastError;
    private DateTimeOffset _lastErrorAt;
    private IStateBackendHealth? _health;

    public long RestoreAttempts { get { lock (_lock) return _restoreAttempts; } }
    public long FlushOk { get { lock (_lock) return _flushOk; } }
    public long SyncOversizeDropped { get { lock (_lock) return _oversizeDropped; } }

    public void Restored(string result, long bytes)
    {
        lock (_lock)
        {
            _restoreAttempts++;
            _restoreBytes += bytes;
            switch (result)
            {
                case "success": _restoreSuccess++; break;
                case "bailout": _restoreBailout++; break;
                // Another session's hash is a fresh start for this one: counted with the misses (seed 002 has no counter of its own).
                case "miss" or "identity-mismatch": _restoreMiss++; break;
                case "fresh-schema": _restoreSchemaReset++; break;
            }
        }
    }

    /// <summary>The breaker and backend timestamps of the decorated backend, folded into the report
    /// (<c>status</c>, <c>circuit_breaker</c>, <c>breaker_transitions</c>, the later of both last-ok /
    /// last-error readings). Without it the block reports a closed breaker.</summary>
    public void Attach(IStateBackendHealth health)
    {
        lock (_lock)
            _health = health;
    }

    public void BackendOk()
    {
        lock (_lock)
            _lastOk = time.GetUtcNow();
    }

    public void BackendError(string error)
    {
        lock (_lock)
            SetError(error);
    }

    private void SetError(string error)
    {
        _lastError = error;
        _lastErrorAt = time.GetUtcNow();
    }

    /// <summary>An acknowledged flush of <paramref name="fields"/> (key, envelope bytes) by <paramref name="kernelId"/>.</summary>
    public void Flushed(string kernelId, IReadOnlyList<(string Key, int Bytes)> fields)
    {
        lock (_lock)
        {
            _flushOk++;
            _lastOk = time.GetUtcNow();
            foreach ((string key, int bytes) in fields)
            {
                _syncCount++;
                _syncBytes += bytes;
                Add(_byKey, key, bytes, ref _keysDropped);
                Add(_byKernel, kernelId.Length > 8 ? kernelId[..8] : kernelId, bytes, ref _kernelsDropped);
            }
        }
    }

    public void FlushRejected()
    {
        lock (_lock)
            _flushRejected++;
    }

    public void FlushFailed(string error)
    {
        lock (_lock)
        {
            _flushFailures++;
            SetError(error);
        }
    }

    public void Superseded(bool whileConnected)
    {
        lock (_lock)
        {
            _supersededCloses++;
            if (whileConnected)
                _supersededWhileConnected++;
        }
    }

    public void OversizeDropped()
    {
        lock (_lock)
            _oversizeDropped++;
    }

    /// <summary>The <c>state</c> block: top 10 rows per table (100 when verbose); key labels hashed when <paramref name="redact"/>.</summary>
    public JsonObject Report(bool verbose, bool redact, Func<string, string> hash)
    {
        int rows = verbose ? 100 : 10;
        lock (_lock)
        {
            BreakerState breaker = _health?.Breaker ?? BreakerState.Closed;
            DateTimeOffset? lastOk = Later(_lastOk, _health?.LastOk);
            string? lastError = _lastError;
            if (_health?.LastError is { } backendError && (lastError is null || backendError.At >= _lastErrorAt))
                lastError = backendError.Message;
            return new JsonObject
            {
                ["status"] = breaker == BreakerState.Closed ? "healthy" : "degraded",
                ["circuit_breaker"] = breaker.WireName(),
                ["restore_attempts"] = _restoreAttempts,
                ["restore_success"] = _restoreSuccess,
                ["restore_bailout"] = _restoreBailout,
                ["restore_miss"] = _restoreMiss,
                ["restore_schema_reset"] = _restoreSchemaReset,
                ["flush_ok"] = _flushOk,
                ["flush_rejected"] = _flushRejected,
                ["flush_failures"] = _flushFailures,
                ["breaker_transitions"] = _health?.BreakerTransitions ?? 0,
                ["superseded_closes"] = _supersededCloses,
                ["superseded_while_connected"] = _supersededWhileConnected,
                ["backend_last_ok_age_seconds"] = lastOk is { } ok ? Math.Round(Math.Max(0, (time.GetUtcNow() - ok).TotalSeconds), 3) : null,
                ["backend_last_error"] = lastError,
                ["sync_count"] = _syncCount,
                ["sync_bytes_total"] = _syncBytes,
                ["sync_mb_total"] = Math.Round(_syncBytes / 1_000_000.0, 3),
                ["restore_bytes_total"] = _restoreBytes,
                ["sync_keys_dropped"] = _keysDropped,
                ["sync_kernels_dropped"] = _kernelsDropped,
                ["sync_oversize_dropped"] = _oversizeDropped,
                ["sync_by_key"] = Table(_byKey, "key", rows, redact ? hash : null),
                ["sync_by_kernel"] = Table(_byKernel, "kernel", rows, null),
            };
        }
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static void Add(Dictionary<string, SyncRow> table, string label, int bytes, ref long dropped)
    {
        if (!table.TryGetValue(label, out SyncRow? row))
        {
            if (table.Count >= MaxTableRows)
            {
                dropped++;
                label = OtherLabel;
                row = table.GetValueOrDefault(label);
            }
            if (row is null)
                table[label] = row = new SyncRow();
        }
        row.Syncs++;
        row.Bytes += bytes;
    }

    private static JsonArray Table(Dictionary<string, SyncRow> table, string labelName, int rows, Func<string, string>? hash)
    {
        var result = new JsonArray();
        foreach ((string label, SyncRow row) in table.OrderByDescending(r => r.Value.Bytes).ThenBy(r => r.Key, StringComparer.Ordinal).Take(rows))
        {
            result.Add(new JsonObject
            {
                [labelName] = hash is null || label == OtherLabel ? label : hash(label),
                ["syncs"] = row.Syncs,
                ["bytes"] = row.Bytes,
                ["bytes_per_sync"] = row.Syncs == 0 ? 0 : row.Bytes / row.Syncs,
            });
        }
        return result;
    }

    private sealed class SyncRow
    {
        public long Syncs { get; set; }
        public long Bytes { get; set; }
    }
}
