using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Grains.Cluster;

/// <summary>The grain directory of the embedded single-process mode.</summary>
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
}
