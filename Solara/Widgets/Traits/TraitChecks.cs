namespace Solara.Widgets;

/// <summary>The membership checks ipywidgets makes before accepting a value (selection indexes,
/// tags), and the checks generated setters make on values from app code (enumerations).</summary>
public static class TraitChecks
{
    public static bool IsIndex(int index, int count) => index >= 0 && index < count;

    public static bool IsIndexOrNull(int? index, int count) => index is not int i || IsIndex(i, count);

    public static bool AreIndices(IReadOnlyList<int> indices, int count) => indices.All(i => IsIndex(i, count));

    /// <summary>A selection range slider's <c>(lower, upper)</c> indexes.</summary>
    public static bool IsIndexPair(IReadOnlyList<int> indices, int count) => indices.Count == 2 && AreIndices(indices, count);

    /// <summary>Every tag is allowed; an empty <paramref name="allowed"/> allows anything.</summary>
    public static bool AreAllowedTags<T>(IReadOnlyList<T> tags, IReadOnlyList<T> allowed) =>
        allowed.Count == 0 || tags.All(allowed.Contains);

    public static bool HasNoBlankTags(IReadOnlyList<string> tags) => !tags.Contains("");

    /// <summary>Every number lies within the optional bounds (a null bound is no bound).</summary>
    public static bool AreWithin<T>(IReadOnlyList<T> values, T? min, T? max) where T : struct, IComparable<T> =>
        values.All(v => (min is not T low || v.CompareTo(low) >= 0) && (max is not T high || v.CompareTo(high) <= 0));

    /// <summary>The allowed spelling of <paramref name="value"/> (compared without case); throws
    /// for a value the widget's view would not understand.</summary>
    public static string Enum(string value, IReadOnlyList<string> allowed, string trait)
    {
        ArgumentNullException.ThrowIfNull(value, trait);
        foreach (string option in allowed)
            if (string.Equals(option, value, StringComparison.OrdinalIgnoreCase))
                return option;
        throw new ArgumentException($"{trait} cannot be '{value}'; expected one of {Describe(allowed)}", trait);
    }

    public static string? NullableEnum(string? value, IReadOnlyList<string> allowed, string trait) =>
        value is null ? null : Enum(value, allowed, trait);

    /// <summary>An int (or double when not <paramref name="integer"/>) or one of the keywords.</summary>
    public static object NumberOrKeyword(object value, bool integer, IReadOnlyList<string> keywords, string trait) => value switch
    {
        string keyword => Enum(keyword, keywords, trait),
        int i when integer => i,
        int i => (double)i,
        double d when !integer => d,
        _ => throw new ArgumentException($"{trait} cannot be {value ?? "null"} ({value?.GetType().Name ?? "null"}); expected {(integer ? "an int" : "a double")} or one of {Describe(keywords)}", trait),
    };

    private static string Describe(IReadOnlyList<string> options) => string.Join(", ", options.Select(o => $"'{o}'"));
}
