namespace Solara.Orleans.Abstractions.Cluster;

/// <summary>One entry per grain. Registration succeeds when the grain is absent or the caller names
/// the current activation as its predecessor; otherwise the current winner is returned.</summary>
public interface IGrainDirectory
{
    Task<GrainAddress?> LookupAsync(string grainId);

    /// <summary>Returns the registered address: the caller's (with its new fence) or the winner's.</summary>
    Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? predecessor);

    /// <summary>Removes the entry only if it still names <paramref name="address"/>'s activation.</summary>
    Task UnregisterAsync(GrainAddress address);
}
