using System.Collections;

namespace Solara.Persistence.Codecs;

/// <summary>Re-creates the built-in collections from decoded items (already fitted to the item type).</summary>
internal static class CollectionBuilder
{
    public static object Build(ValueShape shape, List<object?> items)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Array:
                var array = Array.CreateInstance(shape.Element!, items.Count);
                for (int i = 0; i < items.Count; i++)
                    array.SetValue(items[i], i);
                return array;
            case ShapeKind.List:
                return Fill((IList)Activator.CreateInstance(shape.Type, items.Count)!, items);
            case ShapeKind.Set or ShapeKind.SortedSet:
                IList typed = Fill((IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(shape.Element!), items.Count)!, items);
                return Activator.CreateInstance(shape.Type, typed)!;
            default:
                throw new InvalidOperationException($"{shape.Kind} is not a list-like shape");
        }
    }

    public static object BuildDictionary(ValueShape shape, List<KeyValuePair<object, object?>> entries)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(shape.Type, entries.Count)!;
        foreach ((object key, object? value) in entries)
        {
            if (dictionary.Contains(key))
                throw new StateCodecException($"stored {TypeDisplay.Of(shape.Type)} has the key '{key}' twice");
            dictionary.Add(key, value);
        }
        return dictionary;
    }

    private static IList Fill(IList list, List<object?> items)
    {
        foreach (object? item in items)
            list.Add(item);
        return list;
    }
}
