using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>Converts trait values to the JSON ipywidgets expects; widget references become
/// <c>"IPY_MODEL_{id}"</c>, dates and times the JavaScript <c>Date</c> fields (see <see cref="TraitDates"/>).</summary>
public static class TraitJson
{
    public const string ModelPrefix = "IPY_MODEL_";

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        byte[] bytes => JsonValue.Create(bytes),
        ReadOnlyMemory<byte> memory => JsonValue.Create(memory.ToArray()),
        Widget widget => JsonValue.Create(ModelPrefix + widget.ModelId),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        DateOnly date => TraitDates.ToJson(date),
        TimeOnly time => TraitDates.ToJson(time),
        DateTimeOffset instant => TraitDates.ToJson(instant),
        DateTime naive => TraitDates.ToJson(naive),
        IDictionary dictionary => ToObject(dictionary),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        IFormattable formattable => JsonValue.Create(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonObject ToObject(IDictionary dictionary)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
            obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToJson(entry.Value);
        return obj;
    }
}
