using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Cluster.Membership;

/// <summary>The membership table of the embedded single-process mode.</summary>
public sealed class InMemoryMembershipTable(TimeProvider time) : IMembershipTable
{
    private readonly Dictionary<SiloAddress, MembershipEntry> _entries = [];
    private readonly object _lock = new();
    private long _version;

    public Task<MembershipSnapshot> ReadAllAsync()
    {
        lock (_lock)
            return Task.FromResult(new MembershipSnapshot(_version, _entries.Values.ToArray(), time.GetUtcNow()));
    }

    public Task<bool> TryUpdateStatusAsync(MembershipEntry entry, long expectedVersion)
    {
        lock (_lock)
        {
            if (expectedVersion != _version)
                return Task.FromResult(false);
            if (_entries.TryGetValue(entry.Silo, out MembershipEntry? current) && current.Status == SiloStatus.Dead)
                return Task.FromResult(false);
            _entries[entry.Silo] = entry with { IAmAliveTime = time.GetUtcNow(), StartTime = current?.StartTime ?? time.GetUtcNow() };
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task<HeartbeatResult> HeartbeatAsync(SiloAddress silo, int activations)
    {
        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            if (!_entries.TryGetValue(silo, out MembershipEntry? entry))
                return Task.FromResult(new HeartbeatResult(false, now));
            if (entry.Status == SiloStatus.Dead)
                return Task.FromResult(new HeartbeatResult(true, now));
            _entries[silo] = entry with { IAmAliveTime = now, Activations = activations };
            return Task.FromResult(new HeartbeatResult(false, now));
        }
    }

    public Task<bool> TryRemoveAsync(SiloAddress silo, long expectedVersion)
    {
        lock (_lock)
        {
            if (expectedVersion != _version || !_entries.TryGetValue(silo, out MembershipEntry? entry) || entry.Status != SiloStatus.Dead)
                return Task.FromResult(false);
            _entries.Remove(silo);
            _version++;
            return Task.FromResult(true);
        }
    }
}
