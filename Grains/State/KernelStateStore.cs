using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.Kernels;
using Solara.Persistence;
using Solara.Persistence.Codecs;
using Solara.Reactive;

namespace Solara.Orleans.Grains.State;

/// <summary>One kernel's persisted state. Every method runs on the kernel's turn; only a flush's
/// encoding and backend write run off it (see <c>KernelStateStore.Flush.cs</c>).
/// <list type="bullet">
/// <item>Takeover (the activation's first turn, before any <c>run</c>): claims the kernel's hash
/// with a new generation and restores every <c>reactive:{key}</c> field, all or nothing.</item>
/// <item>Restored values wait here until a definition with that key is first used in this kernel,
/// then become its starting value; values of keys no definition uses are never decoded into a
/// slot and stay in the backend untouched (flushes merge fields).</item>
/// <item>Write-behind: a change marks its key dirty; after <c>SOLARA_STATE_FLUSH_DEBOUNCE</c> a turn
/// snapshots the dirty values, which are encoded and written off the turn, fenced with the
/// generation. Keys stay dirty until the backend acknowledges. A rejected (stale) flush closes the
/// kernel as <c>superseded</c> at once with no connected page; with one, the kernel re-takes the
/// hash over once per connection epoch and re-flushes, and concedes on a second rejection.</item>
/// <item>Close: <c>page-close</c> deletes the hash (fenced); other reasons flush and keep it.</item>
/// <item>Without write rights (another session owns the hash, the takeover failed, or the restore
/// bailed out and deleted the hash) the kernel runs unpersisted: changes are not tracked as dirty.</item>
/// </list></summary>
public sealed partial class KernelStateStore(KernelGrain kernel, StatePersistence state) : IKernelPersistence
{
    private readonly Dictionary<string, object?> _restored = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resign = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PersistBinding Binding, ReactiveSlot Slot)> _tracked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _dirty = new(StringComparer.Ordinal);
    private long _generation;
    private bool _closed;

    private ILogger Log => state.Logger;
    private string KernelId => kernel.KernelId;

    public long? Generation => _generation > 0 ? _generation : null;

    public LastRestore LastRestore { get; private set; } = LastRestore.None;

    /// <summary>Whether a page reconnecting to this kernel can remount in place (<c>app-status</c>
    /// <c>canRecover</c>): the kernel owns its state and the restore succeeded, missed (expired or
    /// never written: a silent remount into fresh state) or was a schema reset; false after a
    /// bail-out, a backend error or an identity mismatch, so the page shows the refresh dialog.
    /// <para>While the bail-out storm valve is open a bail-out is a silent fresh start: it can recover.</para>
    /// <para><c>SOLARA_STATE_AUTO_REMOUNT=false</c> forces false.</para></summary>
    public bool CanRecover => state.Options.AutoRemount && (LastRestore.Status == "bailout" ? _bailoutSilenced : _generation > 0 && LastRestore.Status != "none");

    private bool _bailoutSilenced;

    /// <summary>Raised on the kernel's turn after the backend acknowledged a flush, with the number of fields written.</summary>
    public event Action<int>? Flushed;

    /// <summary>Raised on the kernel's turn when a flush wrote nothing (error, timeout, or skipped while the breaker is open); the keys stay dirty and are retried.</summary>
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
            // While the breaker is open the takeover is skipped at once: the kernel runs unpersisted.
            string result = e switch
            {
                Resilience.StateBackendUnavailableException => "skipped",
                TimeoutException => "timeout",
                _ => "error",
            };
            state.Stats.Restored(result, 0);
            if (result != "skipped")
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
                Finish("identity-mismatch", new LastRestore("identity-mismatch"), 0);
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
            state.RecordRestore(bailedOut: false);
            Finish("success", new LastRestore("success", NFields: outcome.Values.Count), outcome.Bytes);
            return;
        }
        state.Stats.Restored("bailout", outcome.Bytes);
        LastRestore = new LastRestore("bailout", outcome.FailedKey, outcome.Cause, fields.Count);
        _bailoutSilenced = state.RecordRestore(bailedOut: true);
        Log.LogWarning("restore result=bailout kernel={Kernel} key={Key} cause={Cause} reason={Reason} dialog={Dialog}", KernelId, outcome.FailedKey, outcome.Cause, outcome.Reason, _bailoutSilenced ? "suppressed" : "shown");
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

    /// <summary>Called by the kernel as it closes (on its turn, before its context is disposed):
    /// <c>page-close</c> deletes the hash, <c>superseded</c> writes nothing, other reasons flush.
    /// The task completes when the backend has answered.</summary>
    public async Task CloseAsync(string reason)
    {
        if (_closed)
            return;
        _timer?.Dispose();
        _timer = null;
        // Snapshot on the turn (the context is disposed right after); write after any write in flight.
        FlushBatch? pending = _inFlight;
        FlushBatch? final = reason is KernelCloseReason.PageClose or KernelCloseReason.Superseded ? null : Snapshot();
        _closed = true;
        bool deleted = false;
        try
        {
            if (reason == KernelCloseReason.PageClose)
            {
                if (pending is not null)
                    await pending.Write;
                if (_generation > 0)
                {
                    long generation = _generation;
                    DeleteResult result = await state.BoundedAsync(ct => state.Backend.DeleteAsync(KernelId, generation, ct));
                    deleted = result.Deleted;
                }
            }
            else if (reason != KernelCloseReason.Superseded)
            {
                await FinalFlushAsync(pending, final);
            }
        }
        catch (Exception e)
        {
            state.Stats.BackendError(e.Message);
            Log.LogWarning("close cleanup failed kernel={Kernel} reason={Reason} error={Error}", KernelId, reason, e.Message);
        }
        Log.LogInformation("close reason={Reason} deleted={Deleted} kernel={Kernel}", reason, deleted ? "true" : "false", KernelId);
    }
}
