using System.Collections;

namespace Solara.Persistence.Codecs;

/// <summary>Fits a decoded value to a declared type: the value itself when it already is one; a
/// tuple re-built from the list the json codec stored it as (also inside lists, arrays, sets and
/// dictionaries: a stored <c>List&lt;List&lt;object&gt;&gt;</c> fits <c>List&lt;(int, string)&gt;</c>);
/// otherwise a clear <see cref="StateCodecException"/> saying the declared type changed.</summary>
public static class StateValueConversion
{
    public static T To<T>(object? value) => (T)To(typeof(T), value)!;

    public static object? To(Type target, object? value)
    {
        if (value is null)
        {
            if (target.IsValueType && Nullable.GetUnderlyingType(target) is null)
                throw new StateCodecException($"stored null does not fit {TypeDisplay.Of(target)}, which cannot be null: the type changed since it was stored (bump SOLARA_STATE_SCHEMA_TAG for a clean reset)");
            return null;
        }
        Type core = Nullable.GetUnderlyingType(target) ?? target;
        if (core.IsInstanceOfType(value))
            return value;
        if (value is List<object?> list && TupleTypes.IsTuple(core) && core.GetGenericArguments() is { } items && items.Length == list.Count)
            return TupleTypes.Create(core, [.. items.Select((item, i) => To(item, list[i]))]);
        if (TryCollection(core, value) is { } collection)
            return collection;
        throw new StateCodecException(
            $"stored {TypeDisplay.Of(value.GetType())} does not fit {TypeDisplay.Of(target)}: the type changed since it was stored (bump SOLARA_STATE_SCHEMA_TAG for a clean reset)");
    }

    private static object? TryCollection(Type target, object value)
    {
        if (value is string)
            return null;
        ValueShape shape;
        try
        {
            shape = ValueShapes.Of(target, CodecProfile.Binary);
        }
        catch (UnsupportedTypeException)
        {
            return null;
        }
        if (shape.Kind is ShapeKind.List or ShapeKind.Array or ShapeKind.Set or ShapeKind.SortedSet && value is IEnumerable items && value is not IDictionary)
            return CollectionBuilder.Build(shape, [.. items.Cast<object?>().Select(item => To(shape.Element!, item))]);
        if (shape.Kind is ShapeKind.Dictionary or ShapeKind.Map && value is IDictionary)
            return CollectionBuilder.BuildDictionary(shape,
                [.. DictionaryEntries.Of(value).Select(e => new KeyValuePair<object, object?>(To(shape.Key!, e.Key)!, To(shape.Element!, e.Value)))]);
        return null;
    }
}
