using System.Text.Json;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.State;
using Solara.Persistence;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>One activation of a session's grain (one per <c>solara-session-id</c> cookie in the whole
/// cluster, found through the grain directory): the session's live kernels and the silo each lives on,
/// and its session-wide values. One call at a time (its turn). With a state backend both are persisted
/// in the session's own hash (<see cref="SessionGrainId"/>, fenced by the generation its takeover got):
/// values as the signed envelopes kernels sealed, the kernel map as JSON. An activation on another silo
/// after this one's silo died restores both and drops kernels whose silo is Dead.</summary>
public sealed class SessionGrain
{
    /// <summary>The hash field holding the kernel map (kernel id → silo).</summary>
    public const string KernelsField = "session:kernels";

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Dictionary<string, SessionKernel> _kernels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly string _sessionId;
    private readonly SessionDirectory _host;
    private long _generation;

    public SessionGrain(string sessionId, GrainAddress address, SessionDirectory host)
    {
        _sessionId = sessionId;
        Address = address;
        _host = host;
    }

    public GrainAddress Address { get; private set; }
    public string GrainId => Address.GrainId;
    public bool IsClosed { get; private set; }

    /// <summary>Raised once when this activation stops (no kernel left, or superseded by a newer one).</summary>
    public event Action<SessionGrain>? Deactivated;

    private SessionStorage? Storage => _host.Storage;
    private ILogger Logger => _host.Services.Logger;

    /// <summary>The first turn: take the session's stored state over (nothing without a backend).</summary>
    public async Task ActivateAsync()
    {
        if (Storage is not { State: var state } storage)
            return;
        try
        {
            TakeoverResult taken = await storage.CallAsync("takeover", (backend, ct) => backend.TakeoverAsync(GrainId, state.Keys.SessionHmacs(_sessionId), state.Options.EffectiveSchemaTag, state.Options.Ttl, ct));
            _generation = taken.Generation;
            foreach ((string field, byte[] value) in taken.Fields)
            {
                if (field == KernelsField)
                    Restore(value);
                else if (field.StartsWith(PersistKeys.FieldPrefix, StringComparison.Ordinal))
                    _values[field[PersistKeys.FieldPrefix.Length..]] = value;
            }
            if (_generation > 0)
                Address = await _host.Directory.SyncFenceAsync(Address, _generation) ?? Address;
            if (_kernels.Count > 0)
                await PruneDeadSilosAsync();
            Logger.LogInformation("session grain {Grain} activated outcome={Outcome} generation={Generation} kernels={Kernels} values={Values}",
                GrainId, taken.Outcome, _generation, _kernels.Count, _values.Count);
        }
        catch (Exception e)
        {
            Logger.LogWarning("session grain {Grain} activated without its stored state: {Error}", GrainId, e.Message);
        }
    }

    public async Task<SessionReply> CallAsync(SessionCall call)
    {
        await _turn.WaitAsync();
        try
        {
            if (IsClosed)
                return SessionReply.NotHere;
            SessionReply reply = call.Kind switch
            {
                SessionCallKind.Admit => await AdmitAsync(call),
                SessionCallKind.Release => await ReleaseAsync(call),
                SessionCallKind.Publish => await PublishAsync(call),
                _ => throw new ArgumentOutOfRangeException(nameof(call), call.Kind, "unknown session call"),
            };
            if (IsClosed)
                return call.Kind == SessionCallKind.Release ? reply : SessionReply.NotHere;
            // A late publish or release can re-activate a session none of whose kernels is live: it stays stored, not active.
            if (_kernels.Count == 0)
                Deactivate("no kernel left");
            return reply;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<SessionReply> AdmitAsync(SessionCall call)
    {
        if (!_kernels.ContainsKey(call.KernelId) && call.Max > 0 && _kernels.Count >= call.Max)
        {
            await PruneDeadSilosAsync();
            if (_kernels.Count >= call.Max)
                return new SessionReply(SessionReplyStatus.Refused, _kernels.Count);
        }
        _kernels[call.KernelId] = new SessionKernel(call.Silo, call.Activation);
        await FlushAsync();
        return new SessionReply(SessionReplyStatus.Ok, _kernels.Count, new Dictionary<string, byte[]>(_values, StringComparer.Ordinal));
    }

    /// <summary>Only the activation the kernel is counted as may count it out: the close of an activation
    /// the kernel has already replaced (it re-activated, here or elsewhere) changes nothing.</summary>
    private async Task<SessionReply> ReleaseAsync(SessionCall call)
    {
        if (_kernels.TryGetValue(call.KernelId, out SessionKernel? kernel) && kernel.Activation == call.Activation)
        {
            _kernels.Remove(call.KernelId);
            await FlushAsync();
        }
        return new SessionReply(SessionReplyStatus.Ok, _kernels.Count);
    }

    private async Task<SessionReply> PublishAsync(SessionCall call)
    {
        if (call.Key is not { Length: > 0 } key || call.Value is not { } value)
            throw new ArgumentException("a session publish needs a key and a value", nameof(call));
        _values[key] = value;
        await FlushAsync();
        if (IsClosed)
            return SessionReply.NotHere;
        // In order, within this turn: every kernel sees the session's values in the order they were set.
        var gone = new List<string>();
        foreach (IGrouping<SiloAddress, string> silo in _kernels.GroupBy(k => k.Value.Silo, k => k.Key).ToArray())
        {
            try
            {
                gone.AddRange(await _host.DeliverAsync(silo.Key, GrainId, new SessionDelivery([.. silo], key, value)));
            }
            catch (Exception e) when (SessionDirectory.IsUnreachable(e))
            {
                Logger.LogWarning("session grain {Grain}: silo {Silo} unreachable for a session value push ({Error}); its kernels get the value when they re-activate", GrainId, silo.Key, e.Message);
            }
        }
        if (gone.Count > 0)
        {
            foreach (string kernelId in gone)
                _kernels.Remove(kernelId);
            await FlushAsync();
        }
        return new SessionReply(SessionReplyStatus.Ok, _kernels.Count);
    }

    private async Task PruneDeadSilosAsync()
    {
        MembershipSnapshot membership = await _host.Membership.ReadAllAsync();
        string[] dead = _kernels.Where(k => k.Value.Silo != _host.Silo && membership.Find(k.Value.Silo) is not { Status: not SiloStatus.Dead })
            .Select(k => k.Key).ToArray();
        foreach (string kernelId in dead)
            _kernels.Remove(kernelId);
        if (dead.Length > 0)
            await FlushAsync();
    }

    /// <summary>A fenced write; storage errors are logged and never fail the call (rule 8); the write is retried with the next change. A stale
    /// generation means a newer activation owns the session: this one deactivates (superseded).</summary>
    private async Task FlushAsync()
    {
        if (Storage is not { State: var state } storage || _generation <= 0)
            return;
        try
        {
            FlushResult result = await storage.CallAsync("flush", (backend, ct) => backend.FlushAsync(GrainId, _generation, Fields(), state.Keys.SessionHmac(_sessionId),
                state.Options.EffectiveSchemaTag, state.Options.Ttl, ct));
            if (result.Outcome is FlushOutcome.Stale or FlushOutcome.Missing)
                Deactivate($"superseded (flush {result.Outcome}, stored generation {result.StoredGeneration})");
        }
        catch (Exception e)
        {
            Logger.LogWarning("session grain {Grain}: flush failed, kept in memory: {Error}", GrainId, e.Message);
        }
    }

    /// <summary>The whole state (a few small fields): a write that failed is repaired by the next one.</summary>
    private Dictionary<string, byte[]> Fields()
    {
        var fields = _values.ToDictionary(v => PersistKeys.FieldPrefix + v.Key, v => v.Value, StringComparer.Ordinal);
        fields[KernelsField] = JsonSerializer.SerializeToUtf8Bytes(_kernels);
        return fields;
    }

    private void Restore(byte[] kernels)
    {
        try
        {
            foreach ((string kernelId, SessionKernel kernel) in JsonSerializer.Deserialize<Dictionary<string, SessionKernel>>(kernels) ?? [])
                _kernels[kernelId] = kernel;
        }
        catch (JsonException e)
        {
            Logger.LogWarning("session grain {Grain}: stored kernel map unreadable, starting empty: {Error}", GrainId, e.Message);
        }
    }

    private void Deactivate(string reason)
    {
        if (IsClosed)
            return;
        IsClosed = true;
        Logger.LogInformation("session grain {Grain} deactivated: {Reason}", GrainId, reason);
        Deactivated?.Invoke(this);
    }
}
