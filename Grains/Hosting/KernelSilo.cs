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

    public KernelSilo(KernelServices services, IGrainDirectory directory, IMembershipTable membership, string endpoint)
    {
        Services = services;
        _directory = directory;
        _membership = membership;
        Address = new SiloAddress(endpoint, services.Time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public KernelServices Services { get; }
    public SiloAddress Address { get; }
    public SessionDirectory Sessions { get; } = new();
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

    /// <summary>The kernel's activation: the live one, or a new one when a
    /// <c>SOLARA_KERNELS_MAX_COUNT</c> slot is free and the session is under
    /// <c>SOLARA_KERNEL_MAX_PER_SESSION</c> (enforced with a state backend); null at either limit
    /// (<see cref="SessionAtLimit"/> tells which). Concurrent callers for one kernel id get the same
    /// activation and take one slot between them.</summary>
    public async Task<KernelGrain?> GetOrActivateAsync(string kernelId, string sessionId)
    {
        // A closed activation's final flush lands before the next one takes the state over.
        if (_settling.TryGetValue(kernelId, out Task? settling))
        {
            await settling;
            _settling.TryRemove(new KeyValuePair<string, Task>(kernelId, settling));
        }
        KernelGrain created;
        Task restoring;
        lock (_kernels)
        {
            if (_kernels.TryGetValue(kernelId, out KernelGrain? live))
                return live;
            if (Services.Options.MaxCount is { } limit && _kernels.Count >= limit)
                return null;
            if (SessionAtLimit(sessionId))
                return null;
            created = new KernelGrain(kernelId, sessionId, Services);
            _kernels[kernelId] = created;
            // The first turn, before any attach or run: restore persisted state.
            restoring = created.Mailbox.Call(async () =>
            {
                await created.TakeoverStateAsync();
                return true;
            });
        }
        await restoring;
        created.Closed += OnKernelClosed;
        Sessions.Get(sessionId).KernelStarted(kernelId);
        var address = new GrainAddress(kernelId, Guid.NewGuid().ToString("N"), Address, 0);
        _addresses[kernelId] = await _directory.RegisterAsync(address, null);
        await _membership.HeartbeatAsync(Address, _kernels.Count);
        return created;
    }

    /// <summary>Whether a new kernel for <paramref name="sessionId"/> would exceed
    /// <c>SOLARA_KERNEL_MAX_PER_SESSION</c>; only with a state backend (a client-chosen kernel id
    /// is then a backend write), and never when the limit is 0.</summary>
    public bool SessionAtLimit(string sessionId)
    {
        long max = Services.Options.MaxPerSession;
        if (Services.State is null || max <= 0)
            return false;
        lock (_kernels)
            return _kernels.Values.Count(k => k.SessionId == sessionId) >= max;
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
        while (true)
        {
            MembershipSnapshot snapshot = await _membership.ReadAllAsync();
            var entry = new MembershipEntry(Address, status, Services.Time.GetUtcNow(), _kernels.Count, Services.Options.MaxCount);
            if (await _membership.TryUpdateStatusAsync(entry, snapshot.Version))
            {
                Status = status;
                return;
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(5));
}
