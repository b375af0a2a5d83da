using System.Collections.Concurrent;

namespace Solara.Persistence.Codecs;

/// <summary>Classifies types into <see cref="ValueShape"/>s, cached per type and profile. Throws
/// <see cref="UnsupportedTypeException"/> for types outside the profile's value space.</summary>
internal static class ValueShapes
{
    private static readonly ConcurrentDictionary<(Type, CodecProfile), ValueShape> Cache = new();

    public static ValueShape Of(Type type, CodecProfile profile) =>
        Cache.TryGetValue((type, profile), out ValueShape? shape) ? shape : Cache.GetOrAdd((type, profile), Build(type, profile));

    private static ValueShape Build(Type type, CodecProfile profile)
    {
        if (type == typeof(object))
            return new ValueShape { Type = type, Kind = ShapeKind.Object, TypeName = "object" };
        if (Nullable.GetUnderlyingType(type) is not null)
            throw new InvalidOperationException("shapes describe non-nullable types; unwrap Nullable<T> first");
        string name = StateTypeNames.Format(type, profile);
        IReadOnlyList<Type> named = NamedIn(type).Distinct().ToArray();
        if (StateTypeNames.ScalarKinds.TryGetValue(type, out ScalarKind scalar))
            return new ValueShape { Type = type, Kind = ShapeKind.Scalar, Scalar = scalar, TypeName = name };
        if (type.IsEnum)
            return new ValueShape { Type = type, Kind = ShapeKind.Enum, TypeName = name, NamedTypes = named };
        if (type.IsSZArray)
            return new ValueShape { Type = type, Kind = ShapeKind.Array, Element = type.GetElementType(), TypeName = name, NamedTypes = named };
        if (TupleTypes.IsTuple(type))
            return new ValueShape { Type = type, Kind = ShapeKind.Tuple, Items = type.GetGenericArguments(), TypeName = name, NamedTypes = named };
        if (type.IsGenericType)
        {
            Type definition = type.GetGenericTypeDefinition();
            Type[] args = type.GetGenericArguments();
            ShapeKind? kind = definition == typeof(List<>) ? ShapeKind.List
                : definition == typeof(HashSet<>) ? ShapeKind.Set
                : definition == typeof(SortedSet<>) ? ShapeKind.SortedSet
                : definition == typeof(Dictionary<,>) ? (args[0] == typeof(string) ? ShapeKind.Dictionary : ShapeKind.Map)
                : null;
            if (kind is ShapeKind.Dictionary or ShapeKind.Map)
                return new ValueShape { Type = type, Kind = kind.Value, Key = args[0], Element = args[1], TypeName = name, NamedTypes = named };
            if (kind is { } collection)
                return new ValueShape { Type = type, Kind = collection, Element = args[0], TypeName = name, NamedTypes = named };
        }
        if (!RecordTypes.IsData(type) && CollectionCoercion.Target(type) is { } target)
        {
            ValueShape stored = Of(target, profile);
            return new ValueShape
            {
                Type = stored.Type, Kind = stored.Kind, Element = stored.Element, Key = stored.Key, TypeName = stored.TypeName, NamedTypes = stored.NamedTypes, Coerced = true,
            };
        }
        return new ValueShape { Type = type, Kind = ShapeKind.Record, Layout = RecordLayout.Create(type), TypeName = name, NamedTypes = named };
    }

    /// <summary>The user-defined types a tag for <paramref name="type"/> names.</summary>
    private static IEnumerable<Type> NamedIn(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object) || StateTypeNames.ScalarKinds.ContainsKey(type))
            yield break;
        if (type.IsArray)
        {
            foreach (Type t in NamedIn(type.GetElementType()!))
                yield return t;
            yield break;
        }
        bool builtIn = type.IsGenericType && (TupleTypes.IsTuple(type) || type.GetGenericTypeDefinition() is var d
            && (d == typeof(List<>) || d == typeof(HashSet<>) || d == typeof(SortedSet<>) || d == typeof(Dictionary<,>)));
        if (!builtIn)
            yield return type;
        if (type.IsGenericType)
            foreach (Type arg in type.GetGenericArguments())
                foreach (Type t in NamedIn(arg))
                    yield return t;
    }
}
