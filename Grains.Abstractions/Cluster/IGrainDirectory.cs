namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>One entry per grain. Registration succeeds when the grain is absent, when the caller names
/// the current activation as its predecessor, or when the current activation's silo is Dead (or gone)
/// in the membership table; otherwise the current winner is returned. Every successful registration
/// increments the grain's fence (its epoch), which never goes back, also across unregistrations.</summary>
public interface IGrainDirectory
{
    Task<GrainAddress?> LookupAsync(string grainId);

    /// <summary>Returns the registered address: the caller's (with its new fence) or the winner's.</summary>
    Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? predecessor);

    /// <summary>Removes the entry only if it still names <paramref name="address"/>'s activation.</summary>
    Task UnregisterAsync(GrainAddress address);

    /// <summary>Raises the entry's fence to <paramref name="fence"/> (never lowers it) if it still names
    /// <paramref name="address"/>'s activation, so the directory epoch and the state generation agree;
    /// returns the entry as stored, or null when it no longer names this activation.</summary>
    Task<GrainAddress?> SyncFenceAsync(GrainAddress address, long fence);

    /// <summary>Removes every entry naming <paramref name="silo"/> (a silo declared dead); returns how many.</summary>
    Task<int> RemoveSiloAsync(SiloAddress silo);

    /// <summary>Every entry (operations and tests; the Redis directory scans, so not for hot paths).</summary>
    Task<IReadOnlyList<GrainAddress>> ListAsync();
}
