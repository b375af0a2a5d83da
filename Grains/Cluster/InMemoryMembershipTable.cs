using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Grains.Cluster;

/// <summary>The membership table of the embedded single-process mode.</summary>
public sealed class InMemoryMembershipTable(TimeProvider time) : IMembershipTable
{
    private readonly Dictionary<SiloAddress, MembershipEntry> _entries = [];
    private readonly object _lock = new();
    private long _version;

    public Task<MembershipSnapshot> ReadAllAsync()
    {
        lock (_lock)
            return Task.FromResult(new MembershipSnapshot(_version, _entries.Values.ToArray()));
    }

    public Task<bool> TryUpdateStatusAsync(MembershipEntry entry, long expectedVersion)
    {
        lock (_lock)
        {
            if (expectedVersion != _version)
                return Task.FromResult(false);
            _entries[entry.Silo] = entry;
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task HeartbeatAsync(SiloAddress silo, int activations)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(silo, out MembershipEntry? entry))
                _entries[silo] = entry with { IAmAliveTime = time.GetUtcNow(), Activations = activations };
        }
        return Task.CompletedTask;
    }
}
