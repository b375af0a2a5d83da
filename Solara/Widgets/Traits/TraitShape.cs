namespace Solara.Widgets;

/// <summary>The trait names every widget of one class has used, in the order they were first set, each
/// with its slot: a table shared by all instances, so one widget stores only an array of values
/// (a dictionary per widget cost about a kilobyte for a Layout's forty traits). Append-only; lookups
/// read an immutable snapshot, additions copy it under a lock (kernels of many threads share a class).</summary>
internal sealed class TraitShape
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, TraitShape> Shapes = new();
    private readonly object _lock = new();
    private volatile Snapshot _snapshot = new([], new Dictionary<string, int>(StringComparer.Ordinal));

    public static TraitShape Of(Type widgetClass) => Shapes.GetOrAdd(widgetClass, _ => new TraitShape());

    public int Count => _snapshot.Names.Length;

    public string NameAt(int slot) => _snapshot.Names[slot];

    public int SlotOf(string trait) => _snapshot.Slots.TryGetValue(trait, out int slot) ? slot : -1;

    /// <summary>The slot of <paramref name="trait"/>, adding it at the end when this class has not used it yet.</summary>
    public int SlotFor(string trait)
    {
        int slot = SlotOf(trait);
        if (slot >= 0)
            return slot;
        lock (_lock)
        {
            Snapshot current = _snapshot;
            if (current.Slots.TryGetValue(trait, out slot))
                return slot;
            slot = current.Names.Length;
            _snapshot = new Snapshot([.. current.Names, trait], new Dictionary<string, int>(current.Slots, StringComparer.Ordinal) { [trait] = slot });
            return slot;
        }
    }

    private sealed record Snapshot(string[] Names, Dictionary<string, int> Slots);
}
