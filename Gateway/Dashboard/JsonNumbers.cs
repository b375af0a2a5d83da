using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>Numbers out of reports whichever way they were built: an in-process report holds typed values
/// (<c>int</c>, <c>long</c>, <c>double</c>), which the strict <c>(long?)node</c> casts refuse to convert;
/// a report parsed from a silo's HTTP answer holds JSON elements.</summary>
internal static class JsonNumbers
{
    public static double? Double(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
            return null;
        if (value.TryGetValue(out double d))
            return d;
        if (value.TryGetValue(out long l))
            return l;
        if (value.TryGetValue(out int i))
            return i;
        return double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
    }

    public static long? Long(JsonNode? node) => Double(node) is { } d ? (long)d : null;
}
