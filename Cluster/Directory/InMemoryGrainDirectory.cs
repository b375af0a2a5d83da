using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Cluster.Directory;

/// <summary>The grain directory of the embedded single-process mode (one silo, so no dead-silo check).</summary>
public sealed class InMemoryGrainDirectory : IGrainDirectory
{
    private readonly Dictionary<string, GrainAddress> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _fences = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public Task<GrainAddress?> LookupAsync(string grainId)
    {
        lock (_lock)
            return Task.FromResult(_entries.GetValueOrDefault(grainId));
    }

    public Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? predecessor)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(address.GrainId, out GrainAddress? current) && current.ActivationId != predecessor?.ActivationId)
                return Task.FromResult(current);
            long fence = _fences.GetValueOrDefault(address.GrainId) + 1;
            _fences[address.GrainId] = fence;
            GrainAddress registered = address with { Fence = fence };
            _entries[address.GrainId] = registered;
            return Task.FromResult(registered);
        }
    }

    public Task UnregisterAsync(GrainAddress address)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(address.GrainId, out GrainAddress? current) && current.ActivationId == address.ActivationId)
                _entries.Remove(address.GrainId);
        }
        return Task.CompletedTask;
    }

    public Task<GrainAddress?> SyncFenceAsync(GrainAddress address, long fence)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(address.GrainId, out GrainAddress? current) || current.ActivationId != address.ActivationId)
                return Task.FromResult<GrainAddress?>(null);
            if (fence > current.Fence)
            {
                current = current with { Fence = fence };
                _entries[address.GrainId] = current;
                _fences[address.GrainId] = fence;
            }
            return Task.FromResult<GrainAddress?>(current);
        }
    }

    public Task<int> RemoveSiloAsync(SiloAddress silo)
    {
        lock (_lock)
        {
            string[] gone = _entries.Where(e => e.Value.Silo == silo).Select(e => e.Key).ToArray();
            foreach (string grainId in gone)
                _entries.Remove(grainId);
            return Task.FromResult(gone.Length);
        }
    }

    public Task<IReadOnlyList<GrainAddress>> ListAsync()
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<GrainAddress>>(_entries.Values.ToArray());
    }
}
