namespace Solara.Persistence;

/// <summary>Two live persisted definitions use the same key; the message names both sites.</summary>
public sealed class DuplicatePersistKeyException(string key, CallerInfo first, CallerInfo second) : ArgumentException(
    $"persistence key \"{key}\" is already used by the reactive defined at {Where(first)}; the one defined at {Where(second)} needs its own key. " +
    "One key names one variable: give each definition a distinct key (for per-instance stores include an id, e.g. key: $\"user:{userId}:query\").")
{
    public string Key => key;

    private static string Where(CallerInfo site) => site.FilePath.Length > 0 ? site.Location : "<unknown location>";
}
