namespace Solara.Persistence.Codecs;

/// <summary>How one concrete type is stored by one codec profile, worked out once per type.</summary>
internal sealed class ValueShape
{
    public required Type Type { get; init; }

    public required ShapeKind Kind { get; init; }

    /// <summary>The tag written when a value of this type needs one (see <see cref="StateTypeNames"/>).</summary>
    public required string TypeName { get; init; }

    public ScalarKind Scalar { get; init; }

    /// <summary>Item type of lists, arrays and sets; value type of dictionaries and maps.</summary>
    public Type? Element { get; init; }

    /// <summary>Key type of a <see cref="ShapeKind.Map"/>.</summary>
    public Type? Key { get; init; }

    /// <summary>Item types of a <see cref="ShapeKind.Tuple"/>.</summary>
    public Type[] Items { get; init; } = [];

    public RecordLayout? Layout { get; init; }

    /// <summary>The value's own type is a read-only view stored as <see cref="Type"/> (see <see cref="CollectionCoercion"/>).</summary>
    public bool Coerced { get; init; }

    /// <summary>Every enum, record or object type the tag names: each must pass the allow-list.</summary>
    public IReadOnlyList<Type> NamedTypes { get; init; } = [];
}
