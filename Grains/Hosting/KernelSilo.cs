using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.Sessions;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>The silo role: this process's kernel activations, their capacity, and their
/// registration in the membership table and grain directory.</summary>
public sealed class KernelSilo : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, KernelGrain> _kernels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GrainAddress> _addresses = new(StringComparer.Ordinal);
    private readonly IGrainDirectory _directory;
    private readonly IMembershipTable _membership;
    private readonly ConcurrentDictionary<string, Task> _settling = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<ActivationResult>> _activating = new(StringComparer.Ordinal);

    private readonly Func<SiloStatus, Task<bool>> _writeStatus;

    /// <param name="endpoint">The base URL gateways and peers reach this silo at.</param>
    /// <param name="writeStatus">Writes this silo's membership row (a cluster silo's membership agent);
    /// null: a compare-and-swap on <paramref name="membership"/> (the embedded mode).</param>
    public KernelSilo(KernelServices services, IGrainDirectory directory, IMembershipTable membership, string endpoint,
        Func<SiloStatus, Task<bool>>? writeStatus = null, long? generation = null)
    {
        Services = services;
        _directory = directory;
        _membership = membership;
        Address = new SiloAddress(endpoint, generation ?? services.Time.GetUtcNow().ToUnixTimeMilliseconds());
        _writeStatus = writeStatus ?? WriteOwnRowAsync;
        Sessions = new SessionDirectory(services, directory, membership, Address);
    }

    public KernelServices Services { get; }
    public SiloAddress Address { get; }
    public SessionDirectory Sessions { get; }
    public SiloStatus Status { get; private set; } = SiloStatus.Joining;
    public int Count => _kernels.Count;
    public IEnumerable<KernelGrain> Kernels => _kernels.Values;

    /// <summary>Raised after a kernel has closed, left the directory and its state has settled (final
    /// flush or delete answered): (kernel id, reason).</summary>
    public event Action<string, string>? KernelClosed;

    public async Task StartAsync()
    {
        await SetStatusAsync(SiloStatus.Active);
        Services.Logger.LogInformation("silo {Silo} active", Address);
    }

    public KernelGrain? Find(string kernelId) => _kernels.GetValueOrDefault(kernelId);

    /// <summary>The kernel's activation: the live one, or a new one when this silo is Active and unfenced,
    /// a <c>SOLARA_KERNELS_MAX_COUNT</c> slot is free and the session is under
    /// <c>SOLARA_KERNEL_MAX_PER_SESSION</c> (enforced with a state backend). A new activation registers in
    /// the grain directory first (naming <paramref name="predecessor"/> when it takes over from a dead
    /// silo), and only the winner restores state; a loser answers with the winner's address. Concurrent
    /// callers for one kernel id share one attempt.</summary>
    public Task<ActivationResult> GetOrActivateAsync(string kernelId, string sessionId, GrainAddress? predecessor = null)
    {
        lock (_kernels)
        {
            if (_kernels.TryGetValue(kernelId, out KernelGrain? live))
                return Task.FromResult(ActivationResult.Active(live));
            if (_activating.TryGetValue(kernelId, out Task<ActivationResult>? pending))
                return pending;
            if (Status != SiloStatus.Active || IsFenced)
                return Task.FromResult(ActivationResult.Refused(CloseCodes.TryAgainLater, "this server is not taking new kernels (shutting down or fenced); reconnect to another server"));
            if (Services.Options.MaxCount is { } limit && _kernels.Count + _activating.Count >= limit)
                return Task.FromResult(CapacityRefusal());
            Task<ActivationResult> attempt = ActivateAsync(kernelId, sessionId, predecessor);
            if (!attempt.IsCompleted)
                _activating[kernelId] = attempt;
            return attempt;
        }
    }

    private async Task<ActivationResult> ActivateAsync(string kernelId, string sessionId, GrainAddress? predecessor)
    {
        try
        {
            // A closed activation's final flush lands before the next one takes the state over.
            if (_settling.TryGetValue(kernelId, out Task? settling))
                await settling;
            var address = new GrainAddress(kernelId, Guid.NewGuid().ToString("N"), Address, 0);
            GrainAddress registered = await _directory.RegisterAsync(address, predecessor);
            if (registered.ActivationId != address.ActivationId)
                return ActivationResult.Elsewhere(registered);
            SessionReply admission = await Sessions.AdmitAsync(sessionId, registered);
            if (admission.Status == SessionReplyStatus.Refused)
            {
                await _directory.UnregisterAsync(registered);
                return SessionLimitRefusal();
            }
            var created = new KernelGrain(kernelId, sessionId, Services);
            created.Context.Session = Sessions.ValuesFor(created, admission);
            // The first turn, before any attach or run: restore persisted state.
            await created.Mailbox.Call(async () =>
            {
                await created.TakeoverStateAsync();
                return true;
            });
            if (created.State?.Generation is long generation)
                registered = await _directory.SyncFenceAsync(registered, generation) ?? registered;
            lock (_kernels)
            {
                _kernels[kernelId] = created;
                _activating.Remove(kernelId);
            }
            _addresses[kernelId] = registered;
            created.Closed += OnKernelClosed;
            await _membership.HeartbeatAsync(Address, _kernels.Count);
            return ActivationResult.Active(created);
        }
        finally
        {
            lock (_kernels)
                _activating.Remove(kernelId);
        }
    }

    /// <summary>The directory entry of a live activation of this silo.</summary>
    public GrainAddress? AddressOf(string kernelId) => _addresses.GetValueOrDefault(kernelId);

    /// <summary>Set by the host from the membership lease: a fenced silo takes no new kernels.</summary>
    public bool IsFenced { get; set; }

    /// <summary>The refusal at <c>SOLARA_KERNELS_MAX_COUNT</c> (logged once per refusal).</summary>
    public ActivationResult CapacityRefusal()
    {
        Services.Logger.LogWarning("kernel refused: the server is at capacity (SOLARA_KERNELS_MAX_COUNT={Max})", Services.Options.MaxCount);
        return ActivationResult.Refused(CloseCodes.TryAgainLater, $"The server is at capacity ({Services.Options.MaxCount} kernels); try again shortly");
    }

    private ActivationResult SessionLimitRefusal()
    {
        long max = Services.Options.MaxPerSession;
        Services.Logger.LogWarning("kernel refused: the session already holds {Max} live kernels (SOLARA_KERNEL_MAX_PER_SESSION)", max);
        return ActivationResult.Refused(CloseCodes.PolicyViolation,
            $"This session already holds {max} live kernels (SOLARA_KERNEL_MAX_PER_SESSION={max}); close a tab, or raise the limit");
    }

    private void OnKernelClosed(KernelGrain kernel, string reason)
    {
        lock (_kernels)
        {
            if (!_kernels.TryRemove(new KeyValuePair<string, KernelGrain>(kernel.KernelId, kernel)))
                return;
        }
        if (!kernel.StateSettled.IsCompleted)
        {
            Task settled = kernel.StateSettled;
            _settling[kernel.KernelId] = settled;
            _ = settled.ContinueWith(_ => _settling.TryRemove(new KeyValuePair<string, Task>(kernel.KernelId, settled)), TaskScheduler.Default);
        }
        Sessions.KernelClosed(kernel.SessionId, kernel.KernelId);
        if (_addresses.TryRemove(kernel.KernelId, out GrainAddress? address))
            _ = _directory.UnregisterAsync(address);
        _ = _membership.HeartbeatAsync(Address, _kernels.Count);
        if (kernel.StateSettled.IsCompleted)
            KernelClosed?.Invoke(kernel.KernelId, reason);
        else
            _ = kernel.StateSettled.ContinueWith(_ => KernelClosed?.Invoke(kernel.KernelId, reason), TaskScheduler.Default);
    }

    /// <summary>Graceful stop: leave placement, close every kernel and flush its state (bounded), then mark Dead.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (Status is SiloStatus.Dead or SiloStatus.ShuttingDown)
            return;
        await SetStatusAsync(SiloStatus.ShuttingDown);
        Task[] closing = _kernels.Values.Select(CloseForShutdownAsync).ToArray();
        await Task.WhenAny(Task.WhenAll(closing), Task.Delay(timeout));
        await SetStatusAsync(SiloStatus.Dead);
        Services.Metrics.Dispose();
        Services.Logger.LogInformation("silo {Silo} stopped", Address);
    }

    /// <summary>Closes the kernel on its turn, then waits for its final state flush.</summary>
    private static async Task CloseForShutdownAsync(KernelGrain kernel)
    {
        kernel.Mailbox.Post(() => kernel.Close(KernelCloseReason.ServerShutdown));
        await kernel.Mailbox.Completion;
        await kernel.StateSettled;
    }

    private async Task SetStatusAsync(SiloStatus status)
    {
        // Not taking kernels any more comes first, whether or not the row could be written.
        if (status != SiloStatus.Active)
            Status = status;
        if (await _writeStatus(status))
            Status = status;
    }

    private async Task<bool> WriteOwnRowAsync(SiloStatus status)
    {
        while (true)
        {
            MembershipSnapshot snapshot = await _membership.ReadAllAsync();
            var entry = new MembershipEntry(Address, status, snapshot.Now, _kernels.Count, Services.Options.MaxCount);
            if (await _membership.TryUpdateStatusAsync(entry, snapshot.Version))
                return true;
            if (snapshot.Find(Address)?.Status == SiloStatus.Dead)
                return false;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(5));
}
