using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.State;
using Solara.Persistence;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Grains.State;

/// <summary>The write-behind flush. On the kernel's turn a flush only snapshots the dirty values
/// (a reference copy); encoding, sealing and the backend write run on the thread pool, and the
/// outcome is posted back to the turn, where acknowledged keys stop being dirty (unless they
/// changed again meanwhile). One write is in flight at a time.</summary>
public sealed partial class KernelStateStore
{
    /// <summary>The least wait before retrying a failed flush, so an outage is not hammered.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private long _changes;
    private bool _lastFlushFailed;
    private TimeSpan _breakerRetryIn;
    private ITimer? _timer;
    private FlushBatch? _inFlight;
    /// <summary>Bumped when a socket attaches; a stale flush may re-take-over once per epoch.</summary>
    private long _connectionEpoch;
    private long _retakenInEpoch = -1;

    private sealed record FlushItem(string Key, long Version, PersistBinding Binding, object? Value);

    private sealed class FlushBatch(long generation, IReadOnlyList<FlushItem> items)
    {
        private int _completed;
        public long Generation { get; } = generation;
        public IReadOnlyList<FlushItem> Items { get; } = items;
        public Task<FlushWrite> Write { get; set; } = Task.FromResult(FlushWrite.Nothing);
        /// <summary>True for the first caller only: the outcome is applied once (by the posted turn or by the close).</summary>
        public bool TryComplete() => Interlocked.Exchange(ref _completed, 1) == 0;
    }

    private sealed record FlushWrite(int Fields, IReadOnlyList<(string Key, int Bytes)> Sizes, IReadOnlySet<string> Skipped, FlushResult? Result, Exception? Error)
    {
        public static FlushWrite Nothing { get; } = new(0, [], new HashSet<string>(), null, null);
    }

    /// <summary>A socket attached: a new connection epoch starts (see the fenced re-take-over).</summary>
    public void SocketAttached() => _connectionEpoch++;

    private void MarkDirty(string key)
    {
        if (_closed || _generation <= 0)
            return;
        _dirty[key] = ++_changes;
        if (_inFlight is null)
            _timer ??= state.Time.CreateTimer(_ => kernel.Mailbox.Post(FlushTurn), null, state.Options.FlushDebounce, Timeout.InfiniteTimeSpan);
    }

    private void ScheduleFlush(TimeSpan delay)
    {
        _timer?.Dispose();
        _timer = state.Time.CreateTimer(_ => kernel.Mailbox.Post(FlushTurn), null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>On the turn: snapshot the dirty values and start their write off the turn.</summary>
    private void FlushTurn()
    {
        _timer?.Dispose();
        _timer = null;
        if (_closed || _inFlight is not null || Snapshot() is not { } batch)
            return;
        _inFlight = batch;
        batch.Write = Task.Run(() => WriteAsync(batch));
        _ = batch.Write.ContinueWith(_ => kernel.Mailbox.Post(() => Acknowledge(batch)), TaskScheduler.Default);
    }

    private FlushBatch? Snapshot()
    {
        if (_dirty.Count == 0 || _generation <= 0)
            return null;
        var items = new List<FlushItem>(_dirty.Count);
        foreach ((string key, long version) in _dirty)
        {
            (PersistBinding binding, Solara.Reactive.ReactiveSlot slot) = _tracked[key];
            items.Add(new FlushItem(key, version, binding, slot.Value));
        }
        return new FlushBatch(_generation, items);
    }

    /// <summary>Off the turn: encode, seal and write; never throws.</summary>
    private async Task<FlushWrite> WriteAsync(FlushBatch batch)
    {
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var sizes = new List<(string Key, int Bytes)>();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (FlushItem item in batch.Items)
        {
            if (Encode(item) is { } envelope)
            {
                fields[item.Binding.FieldName] = envelope;
                sizes.Add((item.Key, envelope.Length));
            }
            else
            {
                skipped.Add(item.Key);
            }
        }
        if (fields.Count == 0)
            return new FlushWrite(0, sizes, skipped, null, null);
        try
        {
            FlushResult result = await state.BoundedAsync(ct => state.Backend.FlushAsync(KernelId, batch.Generation, fields, state.Keys.SessionHmac(kernel.SessionId), state.Options.EffectiveSchemaTag, state.Options.Ttl, ct));
            return new FlushWrite(fields.Count, sizes, skipped, result, null);
        }
        catch (Exception e)
        {
            return new FlushWrite(fields.Count, sizes, skipped, null, e);
        }
    }

    /// <summary>On the turn: apply a write's outcome and schedule what follows.</summary>
    private void Acknowledge(FlushBatch batch)
    {
        if (!batch.TryComplete())
            return;
        _inFlight = null;
        bool superseded = Apply(batch, batch.Write.Result, closing: false);
        if (superseded || _closed || _dirty.Count == 0 || _generation <= 0)
            return;
        ScheduleFlush(NextFlushDelay());
    }

    /// <summary>The debounce normally; after a failure at least the retry delay; while the breaker is open, not before its probe.</summary>
    private TimeSpan NextFlushDelay()
    {
        TimeSpan delay = state.Options.FlushDebounce;
        if (_lastFlushFailed && delay < RetryDelay)
            delay = RetryDelay;
        return delay < _breakerRetryIn ? _breakerRetryIn : delay;
    }

    /// <summary>Counts, logs and clears acknowledged keys; true when the kernel was superseded or lost its hash.</summary>
    private bool Apply(FlushBatch batch, FlushWrite write, bool closing)
    {
        foreach (FlushItem item in batch.Items)
        {
            if (write.Skipped.Contains(item.Key))
                ClearIfUnchanged(item);
        }
        if (write.Fields == 0)
            return false;
        _breakerRetryIn = TimeSpan.Zero;
        if (write.Error is Resilience.StateBackendUnavailableException skipped)
        {
            // The breaker is open: nothing was attempted, so this is not a backend failure.
            _lastFlushFailed = true;
            _breakerRetryIn = skipped.RetryIn;
            Log.LogDebug("flush result=skipped kernel={Kernel} n_fields={NFields} reason=breaker-{State}", KernelId, write.Fields, skipped.State);
            FlushFailed?.Invoke(skipped);
            return false; // the keys stay dirty; the flush after the breaker's probe writes them
        }
        if (write.Error is { } error)
        {
            _lastFlushFailed = true;
            state.Stats.FlushFailed(error.Message);
            Log.LogWarning("flush result=error kernel={Kernel} n_fields={NFields} error={Error}", KernelId, write.Fields, error.Message);
            FlushFailed?.Invoke(error);
            return false; // the keys stay dirty; the next flush retries them
        }
        _lastFlushFailed = false;
        FlushResult result = write.Result!;
        if (result.Accepted)
        {
            foreach (FlushItem item in batch.Items)
                ClearIfUnchanged(item);
            state.Stats.Flushed(KernelId, write.Sizes);
            Log.LogInformation("flush result=ok kernel={Kernel} n_fields={NFields}", KernelId, write.Fields);
            Flushed?.Invoke(write.Fields);
            return false;
        }
        state.Stats.FlushRejected();
        Log.LogWarning("flush result=rejected kernel={Kernel} n_fields={NFields} outcome={Outcome} stored_generation={Stored} generation={Generation}",
            KernelId, write.Fields, result.Outcome, result.StoredGeneration, batch.Generation);
        if (batch.Generation != _generation)
            return false; // a re-take-over already moved this kernel to a newer generation
        if (result.Outcome == FlushOutcome.Stale)
        {
            if (!closing && kernel.ConnectedPages > 0 && _retakenInEpoch != _connectionEpoch)
            {
                _retakenInEpoch = _connectionEpoch;
                RetakeOver();
                return false;
            }
            Concede();
            return true;
        }
        // The hash is gone (deleted or expired): never recreate it at a stale generation.
        _generation = 0;
        _dirty.Clear();
        return true;
    }

    private void ClearIfUnchanged(FlushItem item)
    {
        if (_dirty.TryGetValue(item.Key, out long current) && current == item.Version)
            _dirty.Remove(item.Key);
    }

    /// <summary>A second owner wrote while a page is connected here: take the hash back (new
    /// generation) and re-flush every dirty key; the connected page is the live truth.</summary>
    private void RetakeOver()
    {
        Log.LogWarning("flush rejected while connected: re-taking over kernel={Kernel} epoch={Epoch}", KernelId, _connectionEpoch);
        var takeover = new FlushBatch(_generation, []);
        _inFlight = takeover;
        Task<TakeoverResult> call = Task.Run(() => state.BoundedAsync(ct => state.Backend.TakeoverAsync(KernelId, state.Keys.SessionHmacs(kernel.SessionId), state.Options.EffectiveSchemaTag, state.Options.Ttl, ct)));
        _ = call.ContinueWith(t => kernel.Mailbox.Post(() => Retaken(takeover, t)), TaskScheduler.Default);
    }

    private void Retaken(FlushBatch takeover, Task<TakeoverResult> call)
    {
        if (!takeover.TryComplete() || _closed)
            return;
        _inFlight = null;
        if (call.IsCompletedSuccessfully && call.Result.HasWriteRights)
        {
            _generation = call.Result.Generation;
            // Every tracked value is re-written: the other owner may have changed any field.
            foreach (string key in _tracked.Keys)
                _dirty[key] = ++_changes;
            Log.LogInformation("re-takeover result=ok kernel={Kernel} generation={Generation}", KernelId, _generation);
            ScheduleFlush(TimeSpan.Zero);
            return;
        }
        string error = call.Exception?.GetBaseException().Message ?? call.Result.Outcome.ToString();
        Log.LogWarning("re-takeover result=failed kernel={Kernel} error={Error}", KernelId, error);
        Concede();
    }

    /// <summary>Another owner holds the state: close as <c>superseded</c>, writing nothing more.</summary>
    private void Concede()
    {
        bool connected = kernel.ConnectedPages > 0;
        state.Stats.Superseded(connected);
        if (connected)
            Log.LogWarning("superseded while connected kernel={Kernel} epoch={Epoch}: another instance owns this kernel's state (check sticky sessions and multi-tab use)", KernelId, _connectionEpoch);
        _generation = 0;
        if (!kernel.IsClosed)
            kernel.Close(KernelCloseReason.Superseded);
    }

    /// <summary>The envelope of a snapshot value, or null when it cannot or may not be stored.</summary>
    private byte[]? Encode(FlushItem item)
    {
        byte[] envelope;
        try
        {
            envelope = state.Sealer.Seal(KernelId, item.Binding, item.Value);
        }
        catch (StateCodecException e)
        {
            Log.LogError("flush skipped key={Key} kernel={Kernel}: the value cannot be stored with codec '{Codec}': {Error}", item.Key, KernelId, item.Binding.Serializer, e.Message);
            return null;
        }
        long max = state.Options.MaxValueBytes;
        if (max > 0 && envelope.Length > max)
        {
            state.Stats.OversizeDropped();
            Log.LogWarning("flush skipped key={Key} kernel={Kernel} bytes={Bytes}: over SOLARA_STATE_MAX_VALUE_BYTES={Max}; it will not be restored (persist a reference instead of the value)", item.Key, KernelId, envelope.Length, max);
            return null;
        }
        if (envelope.Length > state.Options.WarnValueBytes)
            Log.LogWarning("large value key={Key} kernel={Kernel} bytes={Bytes}: over SOLARA_STATE_WARN_VALUE_BYTES={Warn}; still persisted", item.Key, KernelId, envelope.Length, state.Options.WarnValueBytes);
        return envelope;
    }

    /// <summary>The close's final write (after any write in flight), applied inline: the mailbox no longer takes turns.</summary>
    private async Task FinalFlushAsync(FlushBatch? pending, FlushBatch? final)
    {
        if (pending is not null)
        {
            await pending.Write;
            if (pending.TryComplete() && pending.Items.Count > 0)
                Apply(pending, pending.Write.Result, closing: true);
        }
        if (final is null || _generation <= 0)
            return;
        final = new FlushBatch(_generation, final.Items);
        FlushWrite write = await Task.Run(() => WriteAsync(final));
        if (final.TryComplete())
            Apply(final, write, closing: true);
    }
}
