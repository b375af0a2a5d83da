using System.Collections;
using System.Globalization;

namespace Solara.Orleans.Abstractions.Options;

/// <summary>The <c>SOLARA_*</c> variables, read once: process environment over an optional
/// <c>.env</c> file. Typed readers throw <see cref="SettingsException"/> naming the variable.</summary>
public sealed class SettingsSource
{
    private readonly IReadOnlyDictionary<string, string> _values;

    public SettingsSource(IReadOnlyDictionary<string, string> values) => _values = values;

    public static SettingsSource FromEnvironment()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            values[(string)entry.Key] = (string?)entry.Value ?? "";
        return new SettingsSource(values);
    }

    public string? Raw(string name) => _values.TryGetValue(name, out string? v) ? v : null;

    /// <summary>The first of <paramref name="names"/> that is set, with the name it was found under.</summary>
    public (string Name, string? Value) First(params string[] names)
    {
        foreach (string name in names)
            if (Raw(name) is { } value)
                return (name, value);
        return (names[0], null);
    }

    public string String(string name, string fallback) => Raw(name) is { Length: > 0 } v ? v : fallback;

    public TimeSpan Duration(string name, TimeSpan fallback) =>
        Raw(name) is { } v && !string.IsNullOrWhiteSpace(v) ? DurationParser.Parse(name, v) : fallback;

    public bool Bool(string name, bool fallback)
    {
        string? v = Raw(name);
        if (string.IsNullOrWhiteSpace(v))
            return fallback;
        return v.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "yes" or "on" => true,
            "0" or "false" or "no" or "off" => false,
            _ => throw new SettingsException(name, $"{name}='{v}' is not a boolean (use true or false)"),
        };
    }

    /// <summary>An optional non-negative integer: empty or unset means none.</summary>
    public long? OptionalCount(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) || n < 0)
            throw new SettingsException(name, $"{name}='{value}' is not a non-negative whole number (leave it empty for unlimited)");
        return n;
    }

    public long Count(string name, long fallback) => OptionalCount(name, Raw(name)) ?? fallback;
}
