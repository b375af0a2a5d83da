using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Grains.Kernels;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>This silo's side of the session grains: the activations it hosts, and the way its kernels
/// reach their session's grain wherever it lives. A call goes to the local activation, else to the
/// silo the grain directory names (over <see cref="Transport"/>); when that silo has no activation or
/// cannot be reached, the grain is activated here, naming the old entry as predecessor (the same
/// takeover a gateway asks for a kernel). In the embedded mode there is one silo and no transport.</summary>
public sealed class SessionDirectory(KernelServices services, IGrainDirectory directory, IMembershipTable membership, SiloAddress silo)
{
    private const int Attempts = 4;

    private readonly ConcurrentDictionary<string, SessionGrain> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<SessionGrain?>> _activating = new(StringComparer.Ordinal);
    // Kernels of this silo from their admission on (pushes reach a kernel still restoring its state).
    private readonly ConcurrentDictionary<string, (KernelGrain Kernel, KernelSessionValues Values)> _kernels = new(StringComparer.Ordinal);
    // The activation id each kernel of this silo was admitted as (what its close counts out).
    private readonly ConcurrentDictionary<string, string> _admitted = new(StringComparer.Ordinal);

    public KernelServices Services => services;
    public IGrainDirectory Directory => directory;
    public IMembershipTable Membership => membership;
    public SiloAddress Silo => silo;
    public SessionValueCodec Codec { get; } = new(services.State);

    /// <summary>The session grains' storage; null without a state backend.</summary>
    public SessionStorage? Storage { get; } = services.State is { } state ? new SessionStorage(state) : null;

    /// <summary>Set by a cluster silo: how session calls reach other silos.</summary>
    public ISessionTransport? Transport { get; set; }

    /// <summary>Session grain activations on this silo.</summary>
    public int Count => _active.Count;

    /// <summary>Counts a new kernel in with its session. The limit (<c>SOLARA_KERNEL_MAX_PER_SESSION</c>,
    /// 0 disables) is enforced only with a state backend. When the session grain cannot be reached the
    /// kernel is admitted (availability first) and logged.</summary>
    public async Task<SessionReply> AdmitAsync(string sessionId, GrainAddress kernel)
    {
        long max = services.State is null ? 0 : Math.Max(0, services.Options.MaxPerSession);
        SessionReply reply = await TryCallAsync(new SessionCall(SessionCallKind.Admit, sessionId, kernel.GrainId, kernel.ActivationId, silo, max))
            ?? new SessionReply(SessionReplyStatus.Ok, 0);
        if (reply.Status == SessionReplyStatus.Ok)
            _admitted[kernel.GrainId] = kernel.ActivationId;
        return reply;
    }

    /// <summary>The SDK's session values for a kernel just admitted.</summary>
    public KernelSessionValues ValuesFor(KernelGrain kernel, SessionReply admission)
    {
        var values = new KernelSessionValues(kernel, this, admission.Values);
        _kernels[kernel.KernelId] = (kernel, values);
        return values;
    }

    public void KernelClosed(string sessionId, string kernelId)
    {
        _kernels.TryRemove(kernelId, out _);
        if (_admitted.TryRemove(kernelId, out string? activation))
            _ = TryCallAsync(new SessionCall(SessionCallKind.Release, sessionId, kernelId, activation, silo));
    }

    public Task PublishAsync(KernelGrain kernel, string key, byte[] value) =>
        TryCallAsync(new SessionCall(SessionCallKind.Publish, kernel.SessionId, kernel.KernelId, _admitted.GetValueOrDefault(kernel.KernelId, ""), silo, Key: key, Value: value));

    /// <summary>A call from another silo (<c>/_cluster/sessions/{hash}/call</c>).</summary>
    public Task<SessionReply> HandleAsync(string grainId, SessionCall call) =>
        SessionGrainId.For(call.SessionId) == grainId && _active.TryGetValue(grainId, out SessionGrain? grain)
            ? grain.CallAsync(call)
            : Task.FromResult(SessionReply.NotHere);

    /// <summary>A session value for kernels of this silo, posted to each kernel's turn; returns the ids this silo does not host.</summary>
    public IReadOnlyList<string> Deliver(string grainId, SessionDelivery delivery)
    {
        var missing = new List<string>();
        foreach (string kernelId in delivery.KernelIds)
        {
            if (_kernels.TryGetValue(kernelId, out var local) && !local.Kernel.IsClosed && SessionGrainId.For(local.Kernel.SessionId) == grainId
                && local.Kernel.Context.Dispatcher.Post(() => local.Values.Receive(delivery.Key, delivery.Value)))
                continue;
            missing.Add(kernelId);
        }
        return missing;
    }

    internal Task<IReadOnlyList<string>> DeliverAsync(SiloAddress target, string grainId, SessionDelivery delivery) =>
        target == silo ? Task.FromResult(Deliver(grainId, delivery))
        : Transport is { } transport ? transport.DeliverAsync(target.Endpoint, grainId, delivery)
        : Task.FromResult<IReadOnlyList<string>>(delivery.KernelIds);

    internal static bool IsUnreachable(Exception e) => e is HttpRequestException or TimeoutException or OperationCanceledException or IOException;

    private async Task<SessionReply?> TryCallAsync(SessionCall call)
    {
        string grainId = SessionGrainId.For(call.SessionId);
        Exception? last = null;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            try
            {
                SessionReply reply = await CallOnceAsync(grainId, call);
                if (reply.Status != SessionReplyStatus.NotHere)
                    return reply;
            }
            catch (Exception e)
            {
                // The directory or the state backend failed (e.g. Redis unreachable): another attempt, then give up.
                last = e;
            }
        }
        services.Logger.LogWarning("session grain {Grain} not reachable after {Attempts} attempts; {Kind} of kernel {Kernel} skipped: {Error}",
            grainId, Attempts, call.Kind, call.KernelId, last?.Message ?? "no activation answered");
        return null;
    }

    private async Task<SessionReply> CallOnceAsync(string grainId, SessionCall call)
    {
        if (_active.TryGetValue(grainId, out SessionGrain? local))
            return await local.CallAsync(call);
        GrainAddress? entry = await directory.LookupAsync(grainId);
        if (entry is not null && entry.Silo != silo && Transport is { } transport)
        {
            try
            {
                SessionReply reply = await transport.CallAsync(entry.Silo.Endpoint, grainId, call);
                if (reply.Status != SessionReplyStatus.NotHere)
                    return reply;
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                services.Logger.LogWarning("session grain {Grain}: its silo {Silo} is unreachable ({Error}); activating it here", grainId, entry.Silo, e.Message);
            }
        }
        if (call.Kind == SessionCallKind.Release && entry is null)
            return new SessionReply(SessionReplyStatus.Ok, 0);
        SessionGrain? grain = await GetOrActivateAsync(grainId, call.SessionId, entry);
        return grain is null ? SessionReply.NotHere : await grain.CallAsync(call);
    }

    /// <summary>Concurrent callers on this silo share one activation attempt; null when another silo won the registration.</summary>
    private async Task<SessionGrain?> GetOrActivateAsync(string grainId, string sessionId, GrainAddress? predecessor)
    {
        Task<SessionGrain?> attempt;
        lock (_activating)
        {
            if (_active.TryGetValue(grainId, out SessionGrain? live))
                return live;
            if (!_activating.TryGetValue(grainId, out attempt!))
                _activating[grainId] = attempt = ActivateAsync(grainId, sessionId, predecessor);
        }
        try
        {
            return await attempt;
        }
        finally
        {
            lock (_activating)
                _activating.Remove(grainId);
        }
    }

    private async Task<SessionGrain?> ActivateAsync(string grainId, string sessionId, GrainAddress? predecessor)
    {
        await Task.Yield();
        var address = new GrainAddress(grainId, Guid.NewGuid().ToString("N"), silo, 0);
        GrainAddress registered = await directory.RegisterAsync(address, predecessor);
        if (registered.ActivationId != address.ActivationId)
            return null;
        var grain = new SessionGrain(sessionId, registered, this);
        await grain.ActivateAsync();
        grain.Deactivated += OnDeactivated;
        _active[grainId] = grain;
        return grain;
    }

    private void OnDeactivated(SessionGrain grain)
    {
        _active.TryRemove(new KeyValuePair<string, SessionGrain>(grain.GrainId, grain));
        _ = directory.UnregisterAsync(grain.Address);
    }
}
