using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>Reads trait values the browser sent (JSON, binary traits already injected as
/// <c>byte[]</c>) into their C# types. Each <c>Try</c> method returns false for a value of the
/// wrong JSON type; ints accept integral numbers only (<c>3</c> or <c>3.0</c>, not <c>3.5</c>).</summary>
public static class TraitConvert
{
    /// <summary>The shape of every element reader, so lists can be read element by element.</summary>
    public delegate bool Parser<T>(JsonNode? node, out T value);

    public static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !v.TryGetValue(out string? s))
            return false;
        value = s;
        return true;
    }

    public static bool TryNullableString(JsonNode? node, out string? value)
    {
        value = null;
        if (node is null)
            return true;
        bool ok = TryString(node, out string s);
        value = s;
        return ok;
    }

    public static bool TryBool(JsonNode? node, out bool value)
    {
        value = false;
        return node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False && v.TryGetValue(out value);
    }

    public static bool TryNullableBool(JsonNode? node, out bool? value) => TryNullable(node, TryBool, out value);

    public static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        if (!TryDouble(node, out double d) || !double.IsInteger(d) || d < int.MinValue || d > int.MaxValue)
            return false;
        value = (int)d;
        return true;
    }

    public static bool TryNullableInt(JsonNode? node, out int? value) => TryNullable(node, TryInt, out value);

    public static bool TryDouble(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            return false;
        if (v.TryGetValue(out value) || v.TryGetValue(out JsonElement element) && element.TryGetDouble(out value))
            return double.IsFinite(value);
        return double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    public static bool TryNullableDouble(JsonNode? node, out double? value) => TryNullable(node, TryDouble, out value);

    /// <summary>A binary trait: a frame buffer the comm layer put in the state as <c>byte[]</c>.</summary>
    public static bool TryBytes(JsonNode? node, out byte[] value)
    {
        value = [];
        if (node is not JsonValue v || !v.TryGetValue(out byte[]? bytes))
            return false;
        value = bytes;
        return true;
    }

    /// <summary>A JSON array whose every element <paramref name="element"/> accepts.</summary>
    public static bool TryList<T>(JsonNode? node, Parser<T> element, out IReadOnlyList<T> value)
    {
        value = TraitList<T>.Empty;
        if (node is not JsonArray array)
            return false;
        var items = new T[array.Count];
        for (int i = 0; i < items.Length; i++)
            if (!element(array[i], out items[i]))
                return false;
        value = TraitList.From(items);
        return true;
    }

    /// <summary>A JSON object, its values read with <see cref="TryAny"/>.</summary>
    public static bool TryObject(JsonNode? node, out IReadOnlyDictionary<string, object?> value)
    {
        value = new TraitDictionary([]);
        if (node is not JsonObject obj)
            return false;
        value = (TraitDictionary)Any(obj)!;
        return true;
    }

    /// <summary>Any JSON: strings, bools, numbers (int, long or double), <c>byte[]</c>,
    /// <see cref="TraitList{T}"/> of objects and <see cref="TraitDictionary"/>.</summary>
    public static bool TryAny(JsonNode? node, out object? value)
    {
        value = Any(node);
        return true;
    }

    /// <summary>One of <paramref name="allowed"/>, compared without case (like traitlets'
    /// CaselessStrEnum); the stored value is the allowed spelling.</summary>
    public static bool TryEnum(JsonNode? node, IReadOnlyList<string> allowed, out string value)
    {
        value = "";
        if (!TryString(node, out string s))
            return false;
        foreach (string option in allowed)
        {
            if (string.Equals(option, s, StringComparison.OrdinalIgnoreCase))
            {
                value = option;
                return true;
            }
        }
        return false;
    }

    public static bool TryNullableEnum(JsonNode? node, IReadOnlyList<string> allowed, out string? value)
    {
        value = null;
        if (node is null)
            return true;
        bool ok = TryEnum(node, allowed, out string s);
        value = s;
        return ok;
    }

    /// <summary>A number (an int when <paramref name="integer"/>) or one of the keywords, e.g. a
    /// date picker's <c>step</c>: <c>1</c> or <c>"any"</c>.</summary>
    public static bool TryNumberOrKeyword(JsonNode? node, bool integer, IReadOnlyList<string> keywords, out object value)
    {
        value = 0;
        if (TryEnum(node, keywords, out string keyword))
        {
            value = keyword;
            return true;
        }
        if (integer && TryInt(node, out int i))
        {
            value = i;
            return true;
        }
        if (!integer && TryDouble(node, out double d))
        {
            value = d;
            return true;
        }
        return false;
    }

    /// <summary>Whether the browser sent exactly what the trait holds now. Traits that refer to
    /// widgets (<c>layout</c>, <c>children</c>, ...) are owned by the kernel: the browser may only
    /// repeat them.</summary>
    public static bool IsUnchanged(JsonNode? node, object? current) => JsonNode.DeepEquals(node, TraitJson.ToJson(current));

    private static bool TryNullable<T>(JsonNode? node, Parser<T> parse, out T? value) where T : struct
    {
        value = null;
        if (node is null)
            return true;
        if (!parse(node, out T v))
            return false;
        value = v;
        return true;
    }

    private static object? Any(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray array:
                return TraitList.From(array.Select(Any));
            case JsonObject obj:
                return new TraitDictionary(obj.Select(p => KeyValuePair.Create(p.Key, Any(p.Value))));
        }
        var v = (JsonValue)node;
        switch (v.GetValueKind())
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                TryDouble(v, out double d);
                if (double.IsInteger(d) && d is >= int.MinValue and <= int.MaxValue)
                    return (int)d;
                return double.IsInteger(d) && d is >= long.MinValue and <= long.MaxValue ? (object)(long)d : d;
            default:
                if (v.TryGetValue(out string? s))
                    return s;
                return v.TryGetValue(out byte[]? bytes) ? bytes : v.ToJsonString();
        }
    }
}
