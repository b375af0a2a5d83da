using System.Numerics;

namespace Solara.Persistence.Codecs;

/// <summary>Reads what <see cref="BinaryValueWriter"/> wrote; every count is checked against the
/// bytes left, so a damaged payload fails cleanly instead of allocating without bound.</summary>
internal sealed class BinaryValueReader(BinaryReader input, DecodeTypeAllowList allow)
{
    private readonly List<Type> _tags = [];
    private readonly ValuePath _path = new();

    public object? Read(Type expected)
    {
        if (_path.Depth > BinaryFormat.MaxDepth)
            throw Fail($"the stored value nests deeper than {BinaryFormat.MaxDepth} levels");
        byte marker = input.ReadByte();
        Type type = marker switch
        {
            BinaryFormat.Null => typeof(void),
            BinaryFormat.Bare => Nullable.GetUnderlyingType(expected) ?? expected,
            BinaryFormat.NewTag => NewTag(input.ReadString()),
            BinaryFormat.KnownTag => input.Read7BitEncodedInt() is var i && i >= 0 && i < _tags.Count ? _tags[i] : throw Fail($"unknown type tag index {i}"),
            _ => throw Fail($"unknown value marker {marker}"),
        };
        if (type == typeof(void))
            return Guard(() => StateValueConversion.To(expected, null));
        if (type == typeof(object))
            throw Fail("a bare value where the declared type is object (the payload is damaged)");
        ValueShape shape = ShapeOf(type);
        object value = ReadData(shape);
        return marker == BinaryFormat.Bare ? value : Guard(() => StateValueConversion.To(expected, value));
    }

    private Type NewTag(string tag)
    {
        Type type = Guard(() => StateTypeNames.Parse(tag, CodecProfile.Binary, allow));
        _tags.Add(type);
        return type;
    }

    private object ReadData(ValueShape shape)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Scalar:
                return ReadScalar(shape.Scalar);
            case ShapeKind.Enum:
                return Enum.GetUnderlyingType(shape.Type) == typeof(ulong) ? Enum.ToObject(shape.Type, input.ReadUInt64()) : Enum.ToObject(shape.Type, input.ReadInt64());
            case ShapeKind.List or ShapeKind.Array or ShapeKind.Set or ShapeKind.SortedSet:
                int count = ReadCount();
                var items = new List<object?>(count);
                for (int i = 0; i < count; i++)
                    items.Add(Nested(i, shape.Element!));
                return CollectionBuilder.Build(shape, items);
            case ShapeKind.Dictionary or ShapeKind.Map:
                int entries = ReadCount();
                var pairs = new List<KeyValuePair<object, object?>>(entries);
                for (int i = 0; i < entries; i++)
                {
                    object key = Nested(i, shape.Key!) ?? throw Fail("a stored dictionary key is null");
                    pairs.Add(new(key, Nested(i, shape.Element!)));
                }
                return Guard(() => CollectionBuilder.BuildDictionary(shape, pairs));
            case ShapeKind.Tuple:
                var tupleItems = new object?[shape.Items.Length];
                for (int i = 0; i < tupleItems.Length; i++)
                    tupleItems[i] = Nested(i, shape.Items[i]);
                return TupleTypes.Create(shape.Type, tupleItems);
            case ShapeKind.Record:
                int members = ReadCount();
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int i = 0; i < members; i++)
                {
                    string name = input.ReadString();
                    _path.Push(name);
                    values[name] = Read(typeof(object));
                    _path.Pop();
                }
                return Guard(() => shape.Layout!.Construct(values, StateValueConversion.To));
            default:
                throw Fail($"{TypeDisplay.Of(shape.Type)} has no binary form");
        }
    }

    private object ReadScalar(ScalarKind kind) => kind switch
    {
        ScalarKind.Bool => input.ReadBoolean(),
        ScalarKind.Byte => input.ReadByte(),
        ScalarKind.SByte => input.ReadSByte(),
        ScalarKind.Int16 => input.ReadInt16(),
        ScalarKind.UInt16 => input.ReadUInt16(),
        ScalarKind.Int32 => input.ReadInt32(),
        ScalarKind.UInt32 => input.ReadUInt32(),
        ScalarKind.Int64 => input.ReadInt64(),
        ScalarKind.UInt64 => input.ReadUInt64(),
        ScalarKind.Single => input.ReadSingle(),
        ScalarKind.Double => input.ReadDouble(),
        ScalarKind.Decimal => Guard(() => input.ReadDecimal()),
        ScalarKind.Char => (char)input.ReadUInt16(),
        ScalarKind.String => Guard(() => BinaryFormat.Utf8.GetString(ReadBytes())),
        ScalarKind.BigInteger => new BigInteger(ReadBytes()),
        ScalarKind.DateTime => Guard(() => new DateTime(input.ReadInt64(), (DateTimeKind)input.ReadByte())),
        ScalarKind.DateTimeOffset => Guard(() => new DateTimeOffset(input.ReadInt64(), TimeSpan.FromMinutes(input.ReadInt16()))),
        ScalarKind.DateOnly => Guard(() => DateOnly.FromDayNumber(input.ReadInt32())),
        ScalarKind.TimeOnly => Guard(() => new TimeOnly(input.ReadInt64())),
        ScalarKind.TimeSpan => new TimeSpan(input.ReadInt64()),
        ScalarKind.Guid => new Guid(input.ReadBytes(16) is { Length: 16 } g ? g : throw new EndOfStreamException()),
        ScalarKind.Bytes => ReadBytes(),
        _ => throw Fail($"no binary form for {kind}"),
    };

    private byte[] ReadBytes()
    {
        int length = ReadCount();
        byte[] bytes = input.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }

    /// <summary>A count that cannot exceed the bytes left (every item takes at least one byte).</summary>
    private int ReadCount()
    {
        int count = input.Read7BitEncodedInt();
        long left = input.BaseStream.Length - input.BaseStream.Position;
        return count >= 0 && count <= left ? count : throw Fail($"a stored count of {count} exceeds the {left} bytes left (the payload is damaged)");
    }

    private object? Nested(int index, Type expected)
    {
        _path.Push(index);
        object? value = Read(expected);
        _path.Pop();
        return value;
    }

    private ValueShape ShapeOf(Type type)
    {
        try
        {
            ValueShape shape = ValueShapes.Of(type, CodecProfile.Binary);
            foreach (Type named in shape.NamedTypes)
                if (!allow.Allows(named))
                    throw Fail($"refusing to decode {TypeDisplay.Of(named)}: it is not in the state decode allow-list");
            return shape;
        }
        catch (UnsupportedTypeException e)
        {
            throw Fail($"refusing to decode into {TypeDisplay.Of(type)}: {e.Message}");
        }
    }

    private T Guard<T>(Func<T> read) => _path.GuardDecode(read);

    private StateCodecException Fail(string why, Exception? inner = null) => _path.DecodeFailure(why, inner);
}
