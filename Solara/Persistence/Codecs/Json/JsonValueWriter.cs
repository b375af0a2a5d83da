using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Solara.Persistence.Codecs;

/// <summary>Writes one value as json, guided by the type the reader will expect at each place.
/// A value whose runtime type is exactly the expected type is written bare; any other value is
/// wrapped as <c>{"$solara": "&lt;type tag&gt;", "value": ...}</c>. Under <c>object</c> the plain json
/// kinds need no tag: string, bool, int, finite double, <c>List&lt;object&gt;</c> and
/// <c>Dictionary&lt;string, object&gt;</c>.</summary>
internal sealed class JsonValueWriter(Utf8JsonWriter json, DecodeTypeAllowList allow)
{
    public const string TagProperty = "$solara";
    public const string ValueProperty = "value";
    public const int MaxDepth = 64;

    private readonly ValuePath _path = new();

    public void Write(object? value, Type expected)
    {
        if (value is null)
        {
            json.WriteNullValue();
            return;
        }
        if (_path.Depth > MaxDepth)
            throw Fail($"the value nests deeper than {MaxDepth} levels (does it contain itself?)");
        ValueShape shape = ShapeOf(value.GetType());
        Type declared = Nullable.GetUnderlyingType(expected) ?? expected;
        if (shape.Coerced && !declared.IsAssignableFrom(shape.Type))
            throw Fail($"a {TypeDisplay.Of(value.GetType())} is stored as {TypeDisplay.Of(shape.Type)}, which does not fit the declared {TypeDisplay.Of(expected)}; declare a collection interface (e.g. IReadOnlyList<T>) or the stored type, or register a custom codec");
        if (NeedsTag(shape, value, declared))
        {
            json.WriteStartObject();
            json.WriteString(TagProperty, shape.TypeName);
            json.WritePropertyName(ValueProperty);
            WriteBare(shape, value);
            json.WriteEndObject();
        }
        else
        {
            WriteBare(shape, value);
        }
    }

    private static bool NeedsTag(ValueShape shape, object value, Type expected)
    {
        if (shape.Type == expected)
            return false;
        if (expected != typeof(object))
            return true;
        return !(value is string or bool or int or List<object?> or Dictionary<string, object?>
            || JsonScalars.IsPlainDouble(value)
            || shape.Kind == ShapeKind.Tuple);
    }

    private void WriteBare(ValueShape shape, object value)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Scalar:
                if (value is string text)
                    CheckText(text);
                JsonScalars.Write(json, shape.Scalar, value);
                break;
            case ShapeKind.Enum:
                if (Enum.GetUnderlyingType(shape.Type) == typeof(ulong))
                    json.WriteNumberValue(Convert.ToUInt64(value));
                else
                    json.WriteNumberValue(Convert.ToInt64(value));
                break;
            case ShapeKind.List or ShapeKind.Array or ShapeKind.Set or ShapeKind.SortedSet:
                WriteItems((IEnumerable)value, shape.Element!);
                break;
            case ShapeKind.Tuple:
                WriteTuple((ITuple)value);
                break;
            case ShapeKind.Dictionary:
                WriteDictionary(DictionaryEntries.Of(value), shape.Element!);
                break;
            case ShapeKind.Record:
                WriteRecord(shape.Layout!, value);
                break;
            default:
                throw new InvalidOperationException($"no json form for {shape.Kind}");
        }
    }

    private void WriteItems(IEnumerable items, Type element)
    {
        json.WriteStartArray();
        int index = 0;
        foreach (object? item in items)
        {
            _path.Push(index++);
            Write(item, element);
            _path.Pop();
        }
        json.WriteEndArray();
    }

    private void WriteTuple(ITuple tuple)
    {
        json.WriteStartArray();
        for (int i = 0; i < tuple.Length; i++)
        {
            _path.Push(i);
            Write(tuple[i], typeof(object));
            _path.Pop();
        }
        json.WriteEndArray();
    }

    private void WriteDictionary(List<KeyValuePair<object, object?>> entries, Type element)
    {
        json.WriteStartObject();
        foreach ((object rawKey, object? entryValue) in entries)
        {
            string key = (string)rawKey;
            CheckText(key);
            _path.Push(key);
            if (key == TagProperty)
                throw Fail($"the dictionary key '{TagProperty}' is reserved by the json codec; rename the key");
            json.WritePropertyName(key);
            Write(entryValue, element);
            _path.Pop();
        }
        json.WriteEndObject();
    }

    private void WriteRecord(RecordLayout layout, object value)
    {
        json.WriteStartObject();
        foreach (RecordMember member in layout.Members)
        {
            _path.Push(member.Name);
            object? memberValue;
            try
            {
                memberValue = member.Get(value);
            }
            catch (Exception e) when (e is System.Reflection.TargetInvocationException { InnerException: { } inner })
            {
                throw Fail($"reading {TypeDisplay.Of(layout.Type)}.{member.Name} threw {inner.GetType().Name}: {inner.Message}");
            }
            json.WritePropertyName(member.Name);
            Write(memberValue, member.Type);
            _path.Pop();
        }
        json.WriteEndObject();
    }

    /// <summary>Refuses text with a lone surrogate, which json cannot carry faithfully.</summary>
    private void CheckText(string text)
    {
        if (text.AsSpan().ContainsAnyInRange('\ud800', '\udfff') && System.Text.Unicode.Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw Fail("the text contains an unpaired surrogate (not valid Unicode), which cannot be stored faithfully");
    }

    private ValueShape ShapeOf(Type type) => _path.EncodeShapeOf(type, CodecProfile.Json, "json", allow);

    private StateSerializationException Fail(string why) => _path.EncodeFailure(why);
}
