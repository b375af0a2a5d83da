namespace Solara.Persistence.Codecs;

/// <summary>Collections that are not one of the stored types but are read-only views of one are
/// stored as that type: lists (a collection expression assigned to <c>IReadOnlyList&lt;T&gt;</c>,
/// <c>ImmutableArray&lt;T&gt;</c>, <c>ReadOnlyCollection&lt;T&gt;</c>) as <c>List&lt;T&gt;</c>, sets as
/// <c>HashSet&lt;T&gt;</c>, dictionaries as <c>Dictionary&lt;K, V&gt;</c>. The same goes for the
/// collection interfaces when they are declared types. The writers refuse a coercion whose result
/// would not fit the declared type (an <c>ImmutableList&lt;T&gt;</c> property), so it fails on the
/// first write, not on restore. Lazy sequences and queues are not coerced.</summary>
internal static class CollectionCoercion
{
    private static readonly Type[] ListInterfaces =
        [typeof(IEnumerable<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>), typeof(IList<>), typeof(IReadOnlyList<>)];

    /// <summary>The stored type for <paramref name="type"/>, or null when it is not coerced.</summary>
    public static Type? Target(Type type)
    {
        if (type.IsInterface && type.IsGenericType)
        {
            Type definition = type.GetGenericTypeDefinition();
            Type[] args = type.GetGenericArguments();
            if (ListInterfaces.Contains(definition))
                return typeof(List<>).MakeGenericType(args);
            if (definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
                return typeof(HashSet<>).MakeGenericType(args);
            if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
                return typeof(Dictionary<,>).MakeGenericType(args);
            return null;
        }
        Type[] interfaces = type.GetInterfaces();
        if (Find(interfaces, typeof(IReadOnlyDictionary<,>), typeof(IDictionary<,>)) is { } dictionary)
            return typeof(Dictionary<,>).MakeGenericType(dictionary.GetGenericArguments());
        if (Find(interfaces, typeof(IReadOnlySet<>), typeof(ISet<>)) is { } set)
            return typeof(HashSet<>).MakeGenericType(set.GetGenericArguments());
        if (Find(interfaces, typeof(IReadOnlyList<>), typeof(IList<>)) is { } list)
            return typeof(List<>).MakeGenericType(list.GetGenericArguments());
        return null;
    }

    private static Type? Find(Type[] interfaces, Type first, Type second) =>
        interfaces.FirstOrDefault(i => i.IsGenericType && (i.GetGenericTypeDefinition() == first || i.GetGenericTypeDefinition() == second));
}
