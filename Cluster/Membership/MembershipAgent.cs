using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Cluster.Membership;

/// <summary>A silo's membership: joins (Joining → Active), renews its lease every
/// <see cref="ClusterOptions.Heartbeat"/>, fences itself when no heartbeat succeeded within
/// <see cref="ClusterOptions.SelfFenceAfter"/> (on this process' monotonic clock, from the <em>send</em>
/// time of the last successful heartbeat), and stops for good when it finds itself declared dead.
/// Every tick it is also a failure detector for its peers: a non-Dead row whose heartbeat is older than
/// <see cref="ClusterOptions.Lease"/> on the table's clock (or an older generation of this silo's own
/// endpoint) is declared Dead by compare-and-swap and its directory entries removed; so is a Joining or
/// Active row that missed a heartbeat and whose endpoint refuses TCP connections (its process is gone:
/// this fast path declares a crashed silo dead within a few heartbeats instead of a lease, while a hung,
/// partitioned or shutting-down silo still gets the whole lease). Dead rows older
/// than <see cref="ClusterOptions.DefunctAfter"/> are removed from the table.
/// Events are raised on a thread-pool thread; handlers must not block.</summary>
public sealed class MembershipAgent : IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly IGrainDirectory _directory;
    private readonly ClusterOptions _options;
    private readonly Func<int> _activations;
    private readonly long? _capacity;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ITimer _fenceTimer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<SiloAddress> _cleanedUp = [];
    private readonly object _lock = new();

    private Task _loop = Task.CompletedTask;
    private long _lastRenewal;
    private bool _fenced;
    private bool _declaredDead;
    private bool _heartbeatFailing;
    private bool _detectionFailing;
    private bool _leaving;
    private SiloStatus? _status;

    /// <param name="silo">This silo; its generation must be new on every start (the caller chooses it).</param>
    /// <param name="activations">The current activation count, reported with every heartbeat (placement reads it).</param>
    /// <param name="capacity">The most activations this silo accepts (null: unlimited), written to its row.</param>
    public MembershipAgent(IMembershipTable table, IGrainDirectory directory, SiloAddress silo, ClusterOptions options, Func<int> activations,
        long? capacity = null, ILogger<MembershipAgent>? logger = null, TimeProvider? time = null)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        Silo = silo ?? throw new ArgumentNullException(nameof(silo));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _activations = activations ?? throw new ArgumentNullException(nameof(activations));
        _capacity = capacity;
        _logger = logger ?? NullLogger<MembershipAgent>.Instance;
        _time = time ?? TimeProvider.System;
        _fenceTimer = _time.CreateTimer(_ => CheckLease(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public SiloAddress Silo { get; }

    /// <summary>The status this agent last wrote (null before <see cref="JoinAsync"/>).</summary>
    public SiloStatus? Status
    {
        get { lock (_lock) return _status; }
    }

    /// <summary>True while the lease is not known to be renewed (the silo must not start turns or write
    /// state), and for good once <see cref="IsDeclaredDead"/>.</summary>
    public bool IsFenced
    {
        get { lock (_lock) return _fenced || _declaredDead; }
    }

    public bool IsDeclaredDead
    {
        get { lock (_lock) return _declaredDead; }
    }

    /// <summary>No heartbeat succeeded within <see cref="ClusterOptions.SelfFenceAfter"/>.</summary>
    public event Action? Fenced;

    /// <summary>A heartbeat succeeded again (sent within the fence window) and the silo is not declared dead.</summary>
    public event Action? Unfenced;

    /// <summary>Peers declared this silo dead: the host must stop (a restart joins with a new generation).
    /// Raised once; the agent stops heartbeating.</summary>
    public event Action? DeclaredDead;

    /// <summary>This agent declared a peer dead (and removed its directory entries).</summary>
    public event Action<SiloAddress>? SiloDeclaredDead;

    /// <summary>Writes the row as Joining, starts heartbeating and failure detection, then marks the silo Active.
    /// Throws <see cref="InvalidOperationException"/> when this silo (this generation) is already Dead.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_status is not null)
                throw new InvalidOperationException($"the membership agent of silo {Silo} has already joined");
        }
        long sent = _time.GetTimestamp();
        if (!await SetStatusAsync(SiloStatus.Joining, cancellationToken))
            throw new InvalidOperationException($"silo {Silo} is Dead in the membership table: restart it with a new generation");
        Renewed(sent);
        _loop = RunAsync(_stopping.Token);
        if (!await SetStatusAsync(SiloStatus.Active, cancellationToken))
            throw new InvalidOperationException($"silo {Silo} was declared dead while joining: restart it with a new generation");
        _logger.LogInformation("silo {Silo} joined the cluster", Silo);
    }

    /// <summary>Writes this silo's status by compare-and-swap, retrying on version conflicts (graceful stop:
    /// ShuttingDown, then Dead, which also stops heartbeating; from then on <see cref="DeclaredDead"/> is
    /// never raised). Returns false when another status is asked but the row is already Dead or gone because
    /// peers declared it dead (then <see cref="DeclaredDead"/> is raised); asking for Dead then returns true.</summary>
    public async Task<bool> SetStatusAsync(SiloStatus status, CancellationToken cancellationToken = default)
    {
        if (status == SiloStatus.Dead)
        {
            lock (_lock)
                _leaving = true;
        }
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            MembershipSnapshot snapshot = await _table.ReadAllAsync();
            MembershipEntry? own = snapshot.Find(Silo);
            if (own?.Status == SiloStatus.Dead || (own is null && Status is not null))
            {
                if (status != SiloStatus.Dead)
                {
                    OnDeclaredDead();
                    return false;
                }
                lock (_lock)
                    _status = SiloStatus.Dead;
                await _stopping.CancelAsync();
                return true;
            }
            var entry = new MembershipEntry(Silo, status, snapshot.Now, SafeActivations(), _capacity);
            if (await _table.TryUpdateStatusAsync(entry, snapshot.Version))
            {
                lock (_lock)
                    _status = status;
                _logger.LogInformation("silo {Silo} is {Status}", Silo, status);
                if (status == SiloStatus.Dead)
                    await _stopping.CancelAsync();
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 30)), _time, cancellationToken);
        }
    }

    /// <summary>Stops heartbeating and detecting without writing anything (a graceful stop calls
    /// <see cref="SetStatusAsync"/> first).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        await _fenceTimer.DisposeAsync();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var ticks = new PeriodicTimer(_options.Heartbeat, _time);
        Task heartbeat = Task.CompletedTask, detection = Task.CompletedTask;
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken))
            {
                // Heartbeat and detection run side by side so a slow cleanup never delays the lease; a call
                // that hangs is not stacked upon, and the fence timer runs regardless.
                if (heartbeat.IsCompleted)
                    heartbeat = HeartbeatAsync();
                if (detection.IsCompleted)
                    detection = DetectSafelyAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(heartbeat, detection);
    }

    private async Task HeartbeatAsync()
    {
        long sent = _time.GetTimestamp();
        try
        {
            HeartbeatResult result = await _table.HeartbeatAsync(Silo, SafeActivations());
            if (result.DeclaredDead)
            {
                OnDeclaredDead();
                return;
            }
            if (_heartbeatFailing)
                _logger.LogInformation("silo {Silo} renews its lease again", Silo);
            _heartbeatFailing = false;
            Renewed(sent);
        }
        catch (Exception error)
        {
            if (!_heartbeatFailing)
                _logger.LogWarning(error, "silo {Silo} could not renew its lease", Silo);
            _heartbeatFailing = true;
        }
    }

    private async Task DetectSafelyAsync()
    {
        try
        {
            await DetectAsync();
            _detectionFailing = false;
        }
        catch (Exception error)
        {
            if (!_detectionFailing)
                _logger.LogWarning(error, "silo {Silo} could not check its peers for failures", Silo);
            _detectionFailing = true;
        }
    }

    private async Task DetectAsync()
    {
        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        long version = snapshot.Version;
        HashSet<SiloAddress> gone = await ProbeSuspectsAsync(snapshot);
        _cleanedUp.IntersectWith(snapshot.Entries.Where(e => e.Status == SiloStatus.Dead).Select(e => e.Silo));
        foreach (MembershipEntry entry in snapshot.Entries)
        {
            if (entry.Silo == Silo)
            {
                if (entry.Status == SiloStatus.Dead)
                    OnDeclaredDead();
                continue;
            }
            if (entry.Status != SiloStatus.Dead)
            {
                bool expired = snapshot.Now - entry.IAmAliveTime > _options.Lease;
                bool superseded = entry.Silo.Endpoint == Silo.Endpoint && entry.Silo.Generation < Silo.Generation;
                bool refused = gone.Contains(entry.Silo);
                if (!expired && !superseded && !refused)
                    continue;
                if (!await _table.TryUpdateStatusAsync(entry with { Status = SiloStatus.Dead }, version))
                    return; // someone else changed the table: judge again on the next tick
                version++;
                string reason = expired ? "lease expired" : superseded ? "superseded by a newer generation" : "missed a heartbeat and its endpoint refuses connections";
                _logger.LogWarning("silo {Silo} declared {Peer} dead ({Reason}; last heartbeat {Age:0}ms ago on the table clock)",
                    Silo, entry.Silo, reason, (snapshot.Now - entry.IAmAliveTime).TotalMilliseconds);
                Raise(SiloDeclaredDead, entry.Silo);
                await CleanUpAsync(entry.Silo);
                continue;
            }
            if (!_cleanedUp.Contains(entry.Silo))
                await CleanUpAsync(entry.Silo);
            if (snapshot.Now - entry.IAmAliveTime > _options.DefunctAfter)
            {
                if (!await _table.TryRemoveAsync(entry.Silo, version))
                    return;
                version++;
                _logger.LogInformation("silo {Silo} removed the defunct row of {Peer}", Silo, entry.Silo);
            }
        }
    }

    /// <summary>Whether a peer's row calls for a probe of its endpoint: it serves (Joining or Active: a
    /// ShuttingDown silo may still be flushing state and is left to its lease), it missed at least one
    /// heartbeat, and its lease has not expired yet (then it is declared dead anyway).</summary>
    public static bool IsSuspect(MembershipEntry entry, DateTimeOffset now, ClusterOptions options)
    {
        TimeSpan age = now - entry.IAmAliveTime;
        return entry.Status is SiloStatus.Joining or SiloStatus.Active && age > options.Heartbeat * 2 && age <= options.Lease;
    }

    private async Task<HashSet<SiloAddress>> ProbeSuspectsAsync(MembershipSnapshot snapshot)
    {
        MembershipEntry[] suspects = [.. snapshot.Entries.Where(e => e.Silo != Silo && IsSuspect(e, snapshot.Now, _options))];
        if (suspects.Length == 0)
            return [];
        bool[] refused = await Task.WhenAll(suspects.Select(e => EndpointProbe.RefusesConnectionsAsync(e.Silo.Endpoint, _options.Heartbeat)));
        return [.. suspects.Where((_, i) => refused[i]).Select(e => e.Silo)];
    }

    private async Task CleanUpAsync(SiloAddress dead)
    {
        int removed = await _directory.RemoveSiloAsync(dead);
        _cleanedUp.Add(dead);
        if (removed > 0)
            _logger.LogInformation("silo {Silo} removed {Count} directory entries of dead silo {Peer}", Silo, removed, dead);
    }

    private void Renewed(long sent)
    {
        bool unfenced;
        lock (_lock)
        {
            if (_declaredDead || sent < _lastRenewal)
                return;
            _lastRenewal = sent;
            TimeSpan left = _options.SelfFenceAfter - _time.GetElapsedTime(sent);
            if (left <= TimeSpan.Zero)
                return; // renewed too late to count: stays (or becomes) fenced on the timer
            unfenced = _fenced;
            _fenced = false;
            _fenceTimer.Change(left, Timeout.InfiniteTimeSpan);
        }
        if (unfenced)
        {
            _logger.LogInformation("silo {Silo} is no longer fenced", Silo);
            Raise(Unfenced);
        }
    }

    private void CheckLease()
    {
        lock (_lock)
        {
            if (_fenced || _declaredDead || _leaving || _status is null)
                return;
            TimeSpan left = _options.SelfFenceAfter - _time.GetElapsedTime(_lastRenewal);
            if (left > TimeSpan.Zero)
            {
                _fenceTimer.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }
            _fenced = true;
        }
        _logger.LogWarning("silo {Silo} fenced itself: no lease renewal within {Window:0}ms", Silo, _options.SelfFenceAfter.TotalMilliseconds);
        Raise(Fenced);
    }

    private void OnDeclaredDead()
    {
        lock (_lock)
        {
            if (_declaredDead || _leaving)
                return;
            _declaredDead = true;
        }
        _stopping.Cancel();
        _logger.LogCritical("silo {Silo} was declared dead by its peers: it must stop and restart with a new generation", Silo);
        Raise(DeclaredDead);
    }

    private int SafeActivations()
    {
        int count = _activations();
        return count < 0 ? throw new InvalidOperationException($"the activation count of silo {Silo} is negative ({count})") : count;
    }

    private void Raise(Action? handlers)
    {
        try
        {
            handlers?.Invoke();
        }
        catch (Exception error)
        {
            _logger.LogError(error, "a membership event handler of silo {Silo} failed", Silo);
        }
    }

    private void Raise(Action<SiloAddress>? handlers, SiloAddress silo)
    {
        try
        {
            handlers?.Invoke(silo);
        }
        catch (Exception error)
        {
            _logger.LogError(error, "a membership event handler of silo {Silo} failed", Silo);
        }
    }
}
