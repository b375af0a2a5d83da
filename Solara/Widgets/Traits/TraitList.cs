using System.Collections;
using Solara.Reactive;

namespace Solara.Widgets;

/// <summary>An immutable list trait value that compares by content, so setting an equal list is
/// a no-op and two widgets' lists can be compared directly. Generated list properties store one.</summary>
public sealed class TraitList<T> : IReadOnlyList<T>, IEquatable<TraitList<T>>
{
    private readonly T[] _items;

    internal TraitList(T[] items) => _items = items;

    public static TraitList<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(TraitList<T>? other) => other is not null && ValueEquality.AreEqual(this, other);

    public override bool Equals(object? obj) => obj is IEnumerable and not string && ValueEquality.AreEqual(this, obj);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (T item in _items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", _items)}]";
}

/// <summary>Creates <see cref="TraitList{T}"/> values.</summary>
public static class TraitList
{
    /// <summary>A list of exactly these items (copied).</summary>
    public static TraitList<T> Create<T>(params ReadOnlySpan<T> items) =>
        items.IsEmpty ? TraitList<T>.Empty : new TraitList<T>(items.ToArray());

    /// <summary>An immutable copy of <paramref name="items"/>; a <see cref="TraitList{T}"/> is returned as it is.</summary>
    public static TraitList<T> From<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items is TraitList<T> list)
            return list;
        T[] copy = items.ToArray();
        return copy.Length == 0 ? TraitList<T>.Empty : new TraitList<T>(copy);
    }
}
