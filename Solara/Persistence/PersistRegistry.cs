using System.Collections.Concurrent;

namespace Solara.Persistence;

/// <summary>Every persisted definition of this process, by key: one key names one variable. A second
/// live definition with a key already taken is refused, naming both sites (two variables sharing a
/// key would overwrite each other's state). A definition that was garbage collected frees its key.</summary>
public static class PersistRegistry
{
    private static readonly ConcurrentDictionary<string, Entry> s_entries = new(StringComparer.Ordinal);

    public static void Register(PersistBinding binding, CallerInfo site, object definition)
    {
        var entry = new Entry(new WeakReference(definition), site);
        while (true)
        {
            if (s_entries.TryAdd(binding.Key, entry))
                return;
            if (!s_entries.TryGetValue(binding.Key, out Entry? existing))
                continue;
            if (existing.Definition.Target is { } other && !ReferenceEquals(other, definition))
                throw new DuplicatePersistKeyException(binding.Key, existing.Site, site);
            if (s_entries.TryUpdate(binding.Key, entry, existing))
                return;
        }
    }

    /// <summary>Whether a live definition holds <paramref name="key"/>.</summary>
    public static bool IsRegistered(string key) => s_entries.TryGetValue(key, out Entry? e) && e.Definition.IsAlive;

    private sealed record Entry(WeakReference Definition, CallerInfo Site);
}
