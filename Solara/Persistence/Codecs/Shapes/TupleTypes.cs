namespace Solara.Persistence.Codecs;

/// <summary><c>ValueTuple</c> and <c>Tuple</c> with 1 to 7 items (8 and more nest a "rest" tuple and are not stored).</summary>
internal static class TupleTypes
{
    private static readonly Type[] ValueTuples =
        [typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>), typeof(ValueTuple<,,,,>), typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>)];

    private static readonly Type[] ReferenceTuples =
        [typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>), typeof(Tuple<,,,,>), typeof(Tuple<,,,,,>), typeof(Tuple<,,,,,,>)];

    public static bool IsTuple(Type type) => IsValueTuple(type) || IsReferenceTuple(type);

    public static bool IsValueTuple(Type type) => type.IsGenericType && ValueTuples.Contains(type.GetGenericTypeDefinition());

    public static bool IsReferenceTuple(Type type) => type.IsGenericType && ReferenceTuples.Contains(type.GetGenericTypeDefinition());

    /// <summary>Whether <paramref name="type"/> is a tuple of 8 or more items, which is not stored.</summary>
    public static bool IsLongTuple(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ValueTuple<,,,,,,,>) || type.GetGenericTypeDefinition() == typeof(Tuple<,,,,,,,>));

    public static Type Make(bool valueTuple, Type[] items)
    {
        if (items.Length is < 1 or > 7)
            throw new StateCodecException($"a stored tuple has {items.Length} items; 1 to 7 are supported");
        return (valueTuple ? ValueTuples : ReferenceTuples)[items.Length - 1].MakeGenericType(items);
    }

    public static object Create(Type type, object?[] items) => Activator.CreateInstance(type, items)!;
}
