using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Solara.Persistence.Codecs;

/// <summary>Writes one value in <see cref="BinaryFormat"/>.</summary>
internal sealed class BinaryValueWriter(BinaryWriter output, DecodeTypeAllowList allow)
{
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private readonly ValuePath _path = new();

    public void Write(object? value, Type expected)
    {
        if (value is null)
        {
            output.Write(BinaryFormat.Null);
            return;
        }
        if (_path.Depth > BinaryFormat.MaxDepth)
            throw Fail($"the value nests deeper than {BinaryFormat.MaxDepth} levels (does it contain itself?)");
        ValueShape shape = ShapeOf(value.GetType());
        Type declared = Nullable.GetUnderlyingType(expected) ?? expected;
        if (shape.Coerced && !declared.IsAssignableFrom(shape.Type))
            throw Fail($"a {TypeDisplay.Of(value.GetType())} is stored as {TypeDisplay.Of(shape.Type)}, which does not fit the declared {TypeDisplay.Of(expected)}; declare a collection interface (e.g. IReadOnlyList<T>) or the stored type, or register a custom codec");
        if (shape.Type == declared)
        {
            output.Write(BinaryFormat.Bare);
        }
        else if (_tags.TryGetValue(shape.TypeName, out int index))
        {
            output.Write(BinaryFormat.KnownTag);
            output.Write7BitEncodedInt(index);
        }
        else
        {
            output.Write(BinaryFormat.NewTag);
            output.Write(shape.TypeName);
            _tags[shape.TypeName] = _tags.Count;
        }
        WriteData(shape, value);
    }

    private void WriteData(ValueShape shape, object value)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Scalar:
                WriteScalar(shape.Scalar, value);
                break;
            case ShapeKind.Enum:
                if (Enum.GetUnderlyingType(shape.Type) == typeof(ulong))
                    output.Write(Convert.ToUInt64(value));
                else
                    output.Write(Convert.ToInt64(value));
                break;
            case ShapeKind.List or ShapeKind.Array or ShapeKind.Set or ShapeKind.SortedSet:
                var items = ((IEnumerable)value).Cast<object?>().ToList();
                output.Write7BitEncodedInt(items.Count);
                for (int i = 0; i < items.Count; i++)
                    Nested(i, items[i], shape.Element!);
                break;
            case ShapeKind.Dictionary or ShapeKind.Map:
                List<KeyValuePair<object, object?>> entries = DictionaryEntries.Of(value);
                output.Write7BitEncodedInt(entries.Count);
                foreach ((object key, object? entryValue) in entries)
                {
                    Nested($"{key}", key, shape.Key!);
                    Nested($"{key}", entryValue, shape.Element!);
                }
                break;
            case ShapeKind.Tuple:
                var tuple = (ITuple)value;
                for (int i = 0; i < tuple.Length; i++)
                    Nested(i, tuple[i], shape.Items[i]);
                break;
            case ShapeKind.Record:
                IReadOnlyList<RecordMember> members = shape.Layout!.Members;
                output.Write7BitEncodedInt(members.Count);
                foreach (RecordMember member in members)
                {
                    output.Write(member.Name);
                    Nested(member.Name, Read(member, value), typeof(object));
                }
                break;
            default:
                throw new InvalidOperationException($"no binary form for {shape.Kind}");
        }
    }

    private void WriteScalar(ScalarKind kind, object value)
    {
        switch (kind)
        {
            case ScalarKind.Bool: output.Write((bool)value); break;
            case ScalarKind.Byte: output.Write((byte)value); break;
            case ScalarKind.SByte: output.Write((sbyte)value); break;
            case ScalarKind.Int16: output.Write((short)value); break;
            case ScalarKind.UInt16: output.Write((ushort)value); break;
            case ScalarKind.Int32: output.Write((int)value); break;
            case ScalarKind.UInt32: output.Write((uint)value); break;
            case ScalarKind.Int64: output.Write((long)value); break;
            case ScalarKind.UInt64: output.Write((ulong)value); break;
            case ScalarKind.Single: output.Write((float)value); break;
            case ScalarKind.Double: output.Write((double)value); break;
            case ScalarKind.Decimal: output.Write((decimal)value); break;
            case ScalarKind.Char: output.Write((ushort)(char)value); break;
            case ScalarKind.String: WriteString((string)value); break;
            case ScalarKind.BigInteger: WriteBytes(((BigInteger)value).ToByteArray()); break;
            case ScalarKind.DateTime:
                output.Write(((DateTime)value).Ticks);
                output.Write((byte)((DateTime)value).Kind);
                break;
            case ScalarKind.DateTimeOffset:
                output.Write(((DateTimeOffset)value).Ticks);
                output.Write((short)((DateTimeOffset)value).Offset.TotalMinutes);
                break;
            case ScalarKind.DateOnly: output.Write(((DateOnly)value).DayNumber); break;
            case ScalarKind.TimeOnly: output.Write(((TimeOnly)value).Ticks); break;
            case ScalarKind.TimeSpan: output.Write(((TimeSpan)value).Ticks); break;
            case ScalarKind.Guid: output.Write(((Guid)value).ToByteArray()); break;
            case ScalarKind.Bytes: WriteBytes((byte[])value); break;
            default: throw new InvalidOperationException($"no binary form for {kind}");
        }
    }

    private void WriteString(string text)
    {
        try
        {
            WriteBytes(BinaryFormat.Utf8.GetBytes(text));
        }
        catch (ArgumentException e)
        {
            throw Fail($"the string is not valid text: {e.Message}");
        }
    }

    private void WriteBytes(byte[] bytes)
    {
        output.Write7BitEncodedInt(bytes.Length);
        output.Write(bytes);
    }

    private void Nested(int index, object? value, Type expected)
    {
        _path.Push(index);
        Write(value, expected);
        _path.Pop();
    }

    private void Nested(string name, object? value, Type expected)
    {
        _path.Push(name);
        Write(value, expected);
        _path.Pop();
    }

    private object? Read(RecordMember member, object instance)
    {
        try
        {
            return member.Get(instance);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw Fail($"reading {member.Name} threw {inner.GetType().Name}: {inner.Message}");
        }
    }

    private ValueShape ShapeOf(Type type) => _path.EncodeShapeOf(type, CodecProfile.Binary, "pickle", allow);

    private StateSerializationException Fail(string why) => _path.EncodeFailure(why);
}
