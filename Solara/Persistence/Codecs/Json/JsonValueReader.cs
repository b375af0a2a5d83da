using System.Text.Json;

namespace Solara.Persistence.Codecs;

/// <summary>Reads what <see cref="JsonValueWriter"/> wrote. A tag is resolved through
/// <see cref="StateTypeNames.Parse"/> (never an arbitrary type); a bare value is read as the
/// expected type, or under <c>object</c> as the plain json kind (string, bool, int, double,
/// <c>List&lt;object&gt;</c>, <c>Dictionary&lt;string, object&gt;</c>).</summary>
internal sealed class JsonValueReader(DecodeTypeAllowList allow)
{
    private readonly ValuePath _path = new();

    public object? Read(JsonElement e, Type expected)
    {
        if (_path.Depth > JsonValueWriter.MaxDepth)
            throw Fail($"the stored value nests deeper than {JsonValueWriter.MaxDepth} levels");
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(JsonValueWriter.TagProperty, out JsonElement tag))
        {
            if (tag.ValueKind != JsonValueKind.String || !e.TryGetProperty(JsonValueWriter.ValueProperty, out JsonElement inner))
                throw Fail($"a tagged value needs a string \"{JsonValueWriter.TagProperty}\" and a \"{JsonValueWriter.ValueProperty}\"");
            Type stored = Guard(() => StateTypeNames.Parse(tag.GetString()!, CodecProfile.Json, allow));
            object? value = ReadBare(inner, stored);
            return Guard(() => StateValueConversion.To(expected, value));
        }
        return ReadBare(e, expected);
    }

    private object? ReadBare(JsonElement e, Type type)
    {
        if (e.ValueKind == JsonValueKind.Null)
            return Guard(() => StateValueConversion.To(type, null));
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object))
            return ReadPlain(e);
        if (TupleTypes.IsTuple(type))
        {
            object? items = ReadPlain(e);
            return Guard(() => StateValueConversion.To(type, items));
        }
        ValueShape shape = ShapeOf(type);
        return shape.Kind switch
        {
            ShapeKind.Scalar => Guard(() => JsonScalars.Read(e, shape.Scalar)),
            ShapeKind.Enum => ReadEnum(e, shape.Type),
            ShapeKind.List or ShapeKind.Array or ShapeKind.Set or ShapeKind.SortedSet =>
                CollectionBuilder.Build(shape, ReadItems(Expect(e, JsonValueKind.Array), shape.Element!)),
            ShapeKind.Dictionary => CollectionBuilder.BuildDictionary(shape,
                [.. ReadEntries(Expect(e, JsonValueKind.Object), shape.Element!).Select(p => new KeyValuePair<object, object?>(p.Key, p.Value))]),
            ShapeKind.Record => ReadRecord(Expect(e, JsonValueKind.Object), shape.Layout!),
            _ => throw Fail($"{TypeDisplay.Of(type)} has no json form"),
        };
    }

    private object? ReadPlain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number => ReadPlainNumber(e),
        JsonValueKind.Array => ReadItems(e, typeof(object)),
        JsonValueKind.Object => ReadEntries(e, typeof(object)),
        _ => throw Fail($"unexpected json {e.ValueKind}"),
    };

    private static object ReadPlainNumber(JsonElement e)
    {
        string raw = e.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") >= 0)
            return e.GetDouble();
        if (e.TryGetInt32(out int i))
            return i;
        return e.TryGetInt64(out long l) ? l : e.GetDouble();
    }

    private object ReadEnum(JsonElement e, Type type)
    {
        object number = Guard(() => JsonScalars.Read(e, Enum.GetUnderlyingType(type) == typeof(ulong) ? ScalarKind.UInt64 : ScalarKind.Int64));
        return Enum.ToObject(type, number);
    }

    private List<object?> ReadItems(JsonElement array, Type element)
    {
        var items = new List<object?>(array.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            _path.Push(index++);
            items.Add(Read(item, element));
            _path.Pop();
        }
        return items;
    }

    private Dictionary<string, object?> ReadEntries(JsonElement obj, Type element)
    {
        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            _path.Push(property.Name);
            entries[property.Name] = Read(property.Value, element);
            _path.Pop();
        }
        return entries;
    }

    private object ReadRecord(JsonElement obj, RecordLayout layout)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (RecordMember member in layout.Members)
        {
            if (!obj.TryGetProperty(member.Name, out JsonElement stored))
                continue;
            _path.Push(member.Name);
            values[member.Name] = Read(stored, member.Type);
            _path.Pop();
        }
        return Guard(() => layout.Construct(values, StateValueConversion.To));
    }

    private ValueShape ShapeOf(Type type)
    {
        ValueShape shape;
        try
        {
            shape = ValueShapes.Of(type, CodecProfile.Json);
        }
        catch (UnsupportedTypeException e)
        {
            throw Fail($"refusing to decode into {TypeDisplay.Of(type)}: {e.Message}");
        }
        foreach (Type named in shape.NamedTypes)
            if (!allow.Allows(named))
                throw Fail($"refusing to decode {TypeDisplay.Of(named)}: it is not in the state decode allow-list (add it with StateCodecs.AllowDecodeTypes at start-up if it should be restorable)");
        return shape;
    }

    private JsonElement Expect(JsonElement e, JsonValueKind kind) =>
        e.ValueKind == kind ? e : throw Fail($"expected a json {kind}, found {e.ValueKind}");

    private T Guard<T>(Func<T> read) => _path.GuardDecode(read);

    private StateCodecException Fail(string why, Exception? inner = null) => _path.DecodeFailure(why, inner);
}
