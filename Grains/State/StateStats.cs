using System.Text.Json.Nodes;

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
                case "miss": _restoreMiss++; break;
                case "fresh-schema": _restoreSchemaReset++; break;
            }
        }
    }

    public void BackendOk()
    {
        lock (_lock)
            _lastOk = time.GetUtcNow();
    }

    public void BackendError(string error)
    {
        lock (_lock)
            _lastError = error;
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
            _lastError = error;
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
            return new JsonObject
            {
                ["status"] = "healthy",
                ["circuit_breaker"] = "closed",
                ["restore_attempts"] = _restoreAttempts,
                ["restore_success"] = _restoreSuccess,
                ["restore_bailout"] = _restoreBailout,
                ["restore_miss"] = _restoreMiss,
                ["restore_schema_reset"] = _restoreSchemaReset,
                ["flush_ok"] = _flushOk,
                ["flush_rejected"] = _flushRejected,
                ["flush_failures"] = _flushFailures,
                ["breaker_transitions"] = 0,
                ["superseded_closes"] = _supersededCloses,
                ["superseded_while_connected"] = _supersededWhileConnected,
                ["backend_last_ok_age_seconds"] = _lastOk is { } ok ? Math.Round((time.GetUtcNow() - ok).TotalSeconds, 3) : null,
                ["backend_last_error"] = _lastError,
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
