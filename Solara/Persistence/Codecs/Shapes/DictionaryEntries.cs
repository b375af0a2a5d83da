using System.Collections;

namespace Solara.Persistence.Codecs;

/// <summary>The entries of any dictionary the codecs store, also read-only ones that do not
/// implement the non-generic <see cref="IDictionary"/>.</summary>
internal static class DictionaryEntries
{
    public static List<KeyValuePair<object, object?>> Of(object dictionary)
    {
        var entries = new List<KeyValuePair<object, object?>>();
        if (dictionary is IDictionary plain)
        {
            foreach (DictionaryEntry entry in plain)
                entries.Add(new(entry.Key, entry.Value));
            return entries;
        }
        foreach (object? pair in (IEnumerable)dictionary)
        {
            Type type = pair!.GetType();
            entries.Add(new(type.GetProperty("Key")!.GetValue(pair)!, type.GetProperty("Value")!.GetValue(pair)));
        }
        return entries;
    }
}
