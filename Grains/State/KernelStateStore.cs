using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.Kernels;
using Solara.Persistence;
using Solara.Persistence.Codecs;
using Solara.Reactive;

namespace Solara.Orleans.Grains.State;

/// <summary>One kernel's persisted state. Every method runs on the kernel's turn.
/// <list type="bullet">
/// <item>Takeover (the activation's first turn, before any <c>run</c>): claims the kernel's hash
/// with a new generation and restores every <c>reactive:{key}</c> field, all or nothing.</item>
/// <item>Restored values wait here until a definition with that key is first used in this kernel,
/// then become its starting value; values of keys no definition uses are never decoded into a
/// slot and stay in the backend untouched (flushes merge fields).</item>
/// <item>Write-behind: a change marks its key dirty; after <c>SOLARA_STATE_FLUSH_DEBOUNCE</c> a turn
/// encodes the dirty values and writes them, fenced with the generation. Keys stay dirty until the
/// backend acknowledges; a rejected (stale) flush closes the kernel as <c>superseded</c>.</item>
/// <item>Close: <c>page-close</c> deletes the hash (fenced); other reasons flush and keep it.</item>
/// <item>Without write rights (another session owns the hash, the takeover failed, or the restore
/// bailed out and deleted the hash) the kernel runs unpersisted: changes are not tracked as dirty.</item>
/// </list></summary>
public sealed class KernelStateStore(KernelGrain kernel, StatePersistence state) : IKernelPersistence
{
    private readonly Dictionary<string, object?> _restored = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resign = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PersistBinding Binding, ReactiveSlot Slot)> _tracked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _dirty = new(StringComparer.Ordinal);
    /// <summary>The least wait before retrying a failed flush, so an outage is not hammered.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private long _changes;
    private bool _lastFlushFailed;
    private long _generation;
    private ITimer? _timer;
    private bool _closed;

    private ILogger Log => state.Logger;
    private string KernelId => kernel.KernelId;

    public long? Generation => _generation > 0 ? _generation : null;

    public LastRestore LastRestore { get; private set; } = LastRestore.None;

    /// <summary>Whether a page reconnecting to this kernel can remount in place (<c>app-status</c>
    /// <c>canRecover</c>): the kernel owns its state and the restore succeeded, missed (expired or
    /// never written: a silent remount into fresh state) or was a schema reset; false after a
    /// bail-out, a backend error or an identity mismatch, so the page shows the refresh dialog.</summary>
    public bool CanRecover => _generation > 0 && LastRestore.Status is not ("bailout" or "none");

    /// <summary>Raised on the kernel's turn after the backend acknowledged a flush, with the number of fields written.</summary>
    public event Action<int>? Flushed;

    /// <summary>Raised on the kernel's turn when a flush failed (error or timeout); the keys stay dirty and are retried.</summary>
    public event Action<Exception>? FlushFailed;

    /// <summary>Keys changed and not yet acknowledged by the backend.</summary>
    public IReadOnlyCollection<string> DirtyKeys => _dirty.Keys;

    public async Task TakeoverAsync()
    {
        TakeoverResult taken;
        try
        {
            taken = await state.BoundedAsync(ct => state.Backend.TakeoverAsync(KernelId, state.Keys.SessionHmacs(kernel.SessionId), state.Options.EffectiveSchemaTag, state.Options.Ttl, ct));
            state.Stats.BackendOk();
        }
        catch (Exception e)
        {
            string result = e is TimeoutException ? "timeout" : "error";
            state.Stats.Restored(result, 0);
            state.Stats.BackendError(e.Message);
            LastRestore = new LastRestore(result, Cause: e.Message);
            Log.LogWarning("restore result={Result} kernel={Kernel} error={Error}", result, KernelId, e.Message);
            return;
        }
        _generation = taken.Generation;
        switch (taken.Outcome)
        {
            case TakeoverOutcome.Miss:
                Finish("miss", new LastRestore("miss"), 0);
                break;
            case TakeoverOutcome.SchemaReset:
                Finish("fresh-schema", new LastRestore("fresh-schema"), 0);
                break;
            case TakeoverOutcome.IdentityMismatch:
                _generation = 0;
                Finish("miss", new LastRestore("identity-mismatch"), 0);
                break;
            default:
                await RestoreAsync(taken.Fields);
                break;
        }
    }

    private async Task RestoreAsync(IReadOnlyDictionary<string, byte[]> fields)
    {
        StateRestore.Outcome outcome = StateRestore.Decode(state.Keys, state.Codecs, KernelId, fields);
        if (outcome.Succeeded)
        {
            foreach ((string key, object? value) in outcome.Values)
                _restored[key] = value;
            _resign.UnionWith(outcome.NeedsResign);
            Finish("success", new LastRestore("success", NFields: outcome.Values.Count), outcome.Bytes);
            return;
        }
        state.Stats.Restored("bailout", outcome.Bytes);
        LastRestore = new LastRestore("bailout", outcome.FailedKey, outcome.Cause, fields.Count);
        Log.LogWarning("restore result=bailout kernel={Kernel} key={Key} cause={Cause} reason={Reason}", KernelId, outcome.FailedKey, outcome.Cause, outcome.Reason);
        long generation = _generation;
        _generation = 0;
        try
        {
            // Delete the poisoned hash, so a bookmarked kernel id cannot bail out forever.
            await state.BoundedAsync(ct => state.Backend.DeleteAsync(KernelId, generation, ct));
        }
        catch (Exception e)
        {
            state.Stats.BackendError(e.Message);
            Log.LogWarning("restore cleanup failed kernel={Kernel} error={Error}", KernelId, e.Message);
        }
    }

    private void Finish(string result, LastRestore restore, long bytes)
    {
        state.Stats.Restored(result, bytes);
        LastRestore = restore;
        Log.LogInformation("restore result={Result} kernel={Kernel}", result, KernelId);
    }

    public bool TakeRestored(string key, out object? value) => _restored.Remove(key, out value);

    public void RestoreDidNotFit(PersistBinding binding, Exception error) =>
        Log.LogWarning("restore of key={Key} kernel={Kernel} did not fit its declared type, the initial value is used: {Error}", binding.Key, KernelId, error.Message);

    public void Track(PersistBinding binding, ReactiveSlot slot)
    {
        _tracked[binding.Key] = (binding, slot);
        slot.Listen(_ => MarkDirty(binding.Key));
        if (_resign.Remove(binding.Key))
            MarkDirty(binding.Key); // signed with an older secret: re-sign with the primary
    }

    private void MarkDirty(string key)
    {
        if (_closed || _generation <= 0)
            return;
        _dirty[key] = ++_changes;
        _timer ??= state.Time.CreateTimer(_ => kernel.Mailbox.Post(FlushTurnAsync), null, state.Options.FlushDebounce, Timeout.InfiniteTimeSpan);
    }

    private async Task FlushTurnAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (_closed)
            return;
        if (!await FlushAsync())
            return;
        if (_dirty.Count > 0 && !_closed)
        {
            TimeSpan delay = _lastFlushFailed && state.Options.FlushDebounce < RetryDelay ? RetryDelay : state.Options.FlushDebounce;
            _timer = state.Time.CreateTimer(_ => kernel.Mailbox.Post(FlushTurnAsync), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes the dirty values; false when the kernel was superseded (and closed).</summary>
    private async Task<bool> FlushAsync()
    {
        if (_dirty.Count == 0 || _generation <= 0)
            return true;
        Dictionary<string, long> versions = new(_dirty, StringComparer.Ordinal);
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var sizes = new List<(string Key, int Bytes)>();
        foreach (string key in versions.Keys)
        {
            if (Encode(key) is { } envelope)
            {
                fields[_tracked[key].Binding.FieldName] = envelope;
                sizes.Add((key, envelope.Length));
            }
            else
            {
                _dirty.Remove(key);
            }
        }
        if (fields.Count == 0)
            return true;
        FlushResult result;
        try
        {
            result = await state.BoundedAsync(ct => state.Backend.FlushAsync(KernelId, _generation, fields, state.Keys.SessionHmac(kernel.SessionId), state.Options.EffectiveSchemaTag, state.Options.Ttl, ct));
        }
        catch (Exception e)
        {
            _lastFlushFailed = true;
            state.Stats.FlushFailed(e.Message);
            Log.LogWarning("flush result=error kernel={Kernel} n_fields={NFields} error={Error}", KernelId, fields.Count, e.Message);
            FlushFailed?.Invoke(e);
            return true; // the keys stay dirty; the next flush retries them
        }
        _lastFlushFailed = false;
        if (result.Accepted)
        {
            foreach ((string key, long version) in versions)
                if (_dirty.TryGetValue(key, out long current) && current == version)
                    _dirty.Remove(key);
            state.Stats.Flushed(KernelId, sizes);
            Log.LogInformation("flush result=ok kernel={Kernel} n_fields={NFields}", KernelId, fields.Count);
            Flushed?.Invoke(fields.Count);
            return true;
        }
        state.Stats.FlushRejected();
        Log.LogWarning("flush result=rejected kernel={Kernel} n_fields={NFields} outcome={Outcome} stored_generation={Stored} generation={Generation}",
            KernelId, fields.Count, result.Outcome, result.StoredGeneration, _generation);
        if (result.Outcome == FlushOutcome.Stale)
        {
            state.Stats.Superseded(kernel.ConnectedPages > 0);
            _generation = 0;
            if (!kernel.IsClosed)
                kernel.Close(KernelCloseReason.Superseded);
            return false;
        }
        // The hash is gone (deleted or expired): never recreate it at a stale generation.
        _generation = 0;
        _dirty.Clear();
        return false;
    }

    /// <summary>The envelope of <paramref name="key"/>'s current value, or null when it cannot or may not be stored.</summary>
    private byte[]? Encode(string key)
    {
        (PersistBinding binding, ReactiveSlot slot) = _tracked[key];
        byte[] envelope;
        try
        {
            envelope = state.Sealer.Seal(KernelId, binding, slot.Value);
        }
        catch (StateCodecException e)
        {
            Log.LogError("flush skipped key={Key} kernel={Kernel}: the value cannot be stored with codec '{Codec}': {Error}", key, KernelId, binding.Serializer, e.Message);
            return null;
        }
        long max = state.Options.MaxValueBytes;
        if (max > 0 && envelope.Length > max)
        {
            state.Stats.OversizeDropped();
            Log.LogWarning("flush skipped key={Key} kernel={Kernel} bytes={Bytes}: over SOLARA_STATE_MAX_VALUE_BYTES={Max}; it will not be restored (persist a reference instead of the value)", key, KernelId, envelope.Length, max);
            return null;
        }
        if (envelope.Length > state.Options.WarnValueBytes)
            Log.LogWarning("large value key={Key} kernel={Kernel} bytes={Bytes}: over SOLARA_STATE_WARN_VALUE_BYTES={Warn}; still persisted", key, KernelId, envelope.Length, state.Options.WarnValueBytes);
        return envelope;
    }

    /// <summary>Called by the kernel as it closes (on its turn, before its context is disposed):
    /// <c>page-close</c> deletes the hash, <c>superseded</c> writes nothing, other reasons flush.
    /// The task completes when the backend has answered.</summary>
    public async Task CloseAsync(string reason)
    {
        if (_closed)
            return;
        _timer?.Dispose();
        _timer = null;
        bool deleted = false;
        try
        {
            if (reason == KernelCloseReason.PageClose && _generation > 0)
            {
                long generation = _generation;
                DeleteResult result = await state.BoundedAsync(ct => state.Backend.DeleteAsync(KernelId, generation, ct));
                deleted = result.Deleted;
            }
            else if (reason != KernelCloseReason.Superseded)
            {
                await FlushAsync();
            }
        }
        catch (Exception e)
        {
            state.Stats.BackendError(e.Message);
            Log.LogWarning("close cleanup failed kernel={Kernel} reason={Reason} error={Error}", KernelId, reason, e.Message);
        }
        finally
        {
            _closed = true;
        }
        Log.LogInformation("close reason={Reason} deleted={Deleted} kernel={Kernel}", reason, deleted ? "true" : "false", KernelId);
    }
}
