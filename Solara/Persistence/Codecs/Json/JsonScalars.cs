using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Solara.Persistence.Codecs;

/// <summary>The json text of each scalar: numbers as numbers (floating point always with a '.' or an
/// exponent, non-finite values as "NaN"/"Infinity"/"-Infinity"), dates and times in ISO 8601 round-trip
/// form, decimals as exact numbers, big integers as strings, bytes as base64. A DateTime keeps its Kind;
/// a Local one is written with its offset and comes back as the same instant in the restoring server's
/// local time.</summary>
internal static class JsonScalars
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(Utf8JsonWriter json, ScalarKind kind, object value)
    {
        switch (kind)
        {
            case ScalarKind.Bool: json.WriteBooleanValue((bool)value); break;
            case ScalarKind.Byte: json.WriteNumberValue((byte)value); break;
            case ScalarKind.SByte: json.WriteNumberValue((sbyte)value); break;
            case ScalarKind.Int16: json.WriteNumberValue((short)value); break;
            case ScalarKind.UInt16: json.WriteNumberValue((ushort)value); break;
            case ScalarKind.Int32: json.WriteNumberValue((int)value); break;
            case ScalarKind.UInt32: json.WriteNumberValue((uint)value); break;
            case ScalarKind.Int64: json.WriteNumberValue((long)value); break;
            case ScalarKind.UInt64: json.WriteNumberValue((ulong)value); break;
            case ScalarKind.Single: WriteFloating(json, (float)value, ((float)value).ToString("R", Invariant)); break;
            case ScalarKind.Double: WriteFloating(json, (double)value, ((double)value).ToString("R", Invariant)); break;
            case ScalarKind.Decimal: json.WriteNumberValue((decimal)value); break;
            case ScalarKind.Char: json.WriteStringValue(((char)value).ToString()); break;
            case ScalarKind.String: json.WriteStringValue((string)value); break;
            case ScalarKind.BigInteger: json.WriteStringValue(((BigInteger)value).ToString(Invariant)); break;
            case ScalarKind.DateTime: json.WriteStringValue(((DateTime)value).ToString("O", Invariant)); break;
            case ScalarKind.DateTimeOffset: json.WriteStringValue(((DateTimeOffset)value).ToString("O", Invariant)); break;
            case ScalarKind.DateOnly: json.WriteStringValue(((DateOnly)value).ToString("O", Invariant)); break;
            case ScalarKind.TimeOnly: json.WriteStringValue(((TimeOnly)value).ToString("O", Invariant)); break;
            case ScalarKind.TimeSpan: json.WriteStringValue(((TimeSpan)value).ToString("c", Invariant)); break;
            case ScalarKind.Guid: json.WriteStringValue(((Guid)value).ToString("D")); break;
            case ScalarKind.Bytes: json.WriteBase64StringValue((byte[])value); break;
            default: throw new InvalidOperationException($"no json form for {kind}");
        }
    }

    /// <summary>Whether a double would be read back as a double without a tag (finite values are written with a fraction or exponent).</summary>
    public static bool IsPlainDouble(object value) => value is double d && double.IsFinite(d);

    public static object Read(JsonElement e, ScalarKind kind) => kind switch
    {
        ScalarKind.Bool => e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Expected(e, "true or false"),
        },
        ScalarKind.Byte => Number(e).TryGetByte(out byte v) ? v : throw Range(e, kind),
        ScalarKind.SByte => Number(e).TryGetSByte(out sbyte v) ? v : throw Range(e, kind),
        ScalarKind.Int16 => Number(e).TryGetInt16(out short v) ? v : throw Range(e, kind),
        ScalarKind.UInt16 => Number(e).TryGetUInt16(out ushort v) ? v : throw Range(e, kind),
        ScalarKind.Int32 => Number(e).TryGetInt32(out int v) ? v : throw Range(e, kind),
        ScalarKind.UInt32 => Number(e).TryGetUInt32(out uint v) ? v : throw Range(e, kind),
        ScalarKind.Int64 => Number(e).TryGetInt64(out long v) ? v : throw Range(e, kind),
        ScalarKind.UInt64 => Number(e).TryGetUInt64(out ulong v) ? v : throw Range(e, kind),
        ScalarKind.Single => e.ValueKind == JsonValueKind.String ? (float)NonFinite(e) : Number(e).TryGetSingle(out float v) ? v : throw Range(e, kind),
        ScalarKind.Double => e.ValueKind == JsonValueKind.String ? NonFinite(e) : Number(e).TryGetDouble(out double v) ? v : throw Range(e, kind),
        ScalarKind.Decimal => Number(e).TryGetDecimal(out decimal v) ? v : throw Range(e, kind),
        ScalarKind.Char => Text(e) is { Length: 1 } c ? c[0] : throw Expected(e, "a one-character string"),
        ScalarKind.String => Text(e),
        ScalarKind.BigInteger => BigInteger.Parse(Text(e), NumberStyles.AllowLeadingSign, Invariant),
        ScalarKind.DateTime => DateTime.ParseExact(Text(e), "O", Invariant, DateTimeStyles.RoundtripKind),
        ScalarKind.DateTimeOffset => DateTimeOffset.ParseExact(Text(e), "O", Invariant, DateTimeStyles.None),
        ScalarKind.DateOnly => DateOnly.ParseExact(Text(e), "O", Invariant),
        ScalarKind.TimeOnly => TimeOnly.ParseExact(Text(e), "O", Invariant),
        ScalarKind.TimeSpan => TimeSpan.ParseExact(Text(e), "c", Invariant),
        ScalarKind.Guid => Guid.ParseExact(Text(e), "D"),
        ScalarKind.Bytes => e.ValueKind == JsonValueKind.String ? e.GetBytesFromBase64() : throw Expected(e, "a base64 string"),
        _ => throw new InvalidOperationException($"no json form for {kind}"),
    };

    private static void WriteFloating(Utf8JsonWriter json, double value, string text)
    {
        if (double.IsNaN(value))
            json.WriteStringValue("NaN");
        else if (double.IsInfinity(value))
            json.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        else
            json.WriteRawValue(text.AsSpan().IndexOfAny(".eE") >= 0 ? text : text + ".0", skipInputValidation: true);
    }

    private static double NonFinite(JsonElement e) => e.GetString() switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => throw Expected(e, "a number, \"NaN\", \"Infinity\" or \"-Infinity\""),
    };

    private static JsonElement Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e : throw Expected(e, "a number");

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Expected(e, "a string");

    private static StateCodecException Expected(JsonElement e, string what) => new($"expected {what}, found {e.ValueKind}");

    private static StateCodecException Range(JsonElement e, ScalarKind kind) => new($"{e.GetRawText()} does not fit {kind}");
}
