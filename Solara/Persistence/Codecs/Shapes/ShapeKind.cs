namespace Solara.Persistence.Codecs;

/// <summary>How a type is stored.</summary>
internal enum ShapeKind
{
    /// <summary><c>object</c> as a declared type: every value under it carries its own type.</summary>
    Object,
    Scalar,
    Enum,
    List,
    Array,
    Set,
    SortedSet,
    /// <summary><c>Dictionary&lt;string, T&gt;</c>.</summary>
    Dictionary,
    /// <summary><c>Dictionary&lt;K, V&gt;</c> with non-string keys (binary codec only).</summary>
    Map,
    /// <summary><c>ValueTuple</c>/<c>Tuple</c>: kept by the binary codec, stored as a list by json.</summary>
    Tuple,
    /// <summary>Records, <see cref="StateDataAttribute"/> types, and (binary only) plain objects.</summary>
    Record,
}
