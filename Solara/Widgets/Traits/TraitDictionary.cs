using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Solara.Reactive;

namespace Solara.Widgets;

/// <summary>An immutable JSON-object trait value (e.g. one FileUpload entry or one Output item)
/// that compares by content, whatever the key order. It is also a read-only
/// <see cref="IDictionary"/>, so <see cref="TraitJson"/> and <see cref="ValueEquality"/> treat it as a dictionary.</summary>
public sealed class TraitDictionary : IReadOnlyDictionary<string, object?>, IDictionary, IEquatable<TraitDictionary>
{
    private readonly Dictionary<string, object?> _entries;

    public TraitDictionary(IEnumerable<KeyValuePair<string, object?>> entries) =>
        _entries = new Dictionary<string, object?>(entries, StringComparer.Ordinal);

    public object? this[string key] => _entries[key];

    public IEnumerable<string> Keys => _entries.Keys;

    public IEnumerable<object?> Values => _entries.Values;

    public int Count => _entries.Count;

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _entries.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();

    public bool Equals(TraitDictionary? other) =>
        other is not null && other.Count == Count
        && _entries.All(e => other._entries.TryGetValue(e.Key, out object? v) && ValueEquality.AreEqual(e.Value, v));

    public override bool Equals(object? obj) => Equals(obj as TraitDictionary);

    public override int GetHashCode()
    {
        int hash = 0;
        foreach (string key in _entries.Keys)
            hash ^= StringComparer.Ordinal.GetHashCode(key);
        return hash;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IDictionaryEnumerator IDictionary.GetEnumerator() => ((IDictionary)_entries).GetEnumerator();

    object? IDictionary.this[object key]
    {
        get => key is string name ? _entries.GetValueOrDefault(name) : null;
        set => throw ReadOnly();
    }

    ICollection IDictionary.Keys => _entries.Keys;
    ICollection IDictionary.Values => _entries.Values;
    bool IDictionary.IsFixedSize => true;
    bool IDictionary.IsReadOnly => true;
    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => ((ICollection)_entries).SyncRoot;
    bool IDictionary.Contains(object key) => key is string name && _entries.ContainsKey(name);
    void IDictionary.Add(object key, object? value) => throw ReadOnly();
    void IDictionary.Clear() => throw ReadOnly();
    void IDictionary.Remove(object key) => throw ReadOnly();
    void ICollection.CopyTo(Array array, int index) => ((ICollection)_entries).CopyTo(array, index);

    private static NotSupportedException ReadOnly() => new("a TraitDictionary is immutable; set the trait to a new value instead");
}
