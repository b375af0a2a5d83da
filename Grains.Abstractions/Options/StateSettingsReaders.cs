using System.Globalization;

namespace Solara.Orleans.Abstractions.Options;

/// <summary>The typed readers only the <c>SOLARA_STATE_*</c> settings need (lists, optional
/// booleans, fractions), with errors that name the variable like the readers in <see cref="SettingsSource"/>.</summary>
internal static class StateSettingsReaders
{
    /// <summary>A comma-separated list; blanks around and between items are dropped.</summary>
    public static IReadOnlyList<string> List(this SettingsSource settings, string name) =>
        (settings.Raw(name) ?? "")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A boolean where unset or empty means "not decided" (null).</summary>
    public static bool? OptionalBool(this SettingsSource settings, string name) =>
        string.IsNullOrWhiteSpace(settings.Raw(name)) ? null : settings.Bool(name, false);

    /// <summary>A number between 0 and 1 inclusive.</summary>
    public static double Fraction(this SettingsSource settings, string name, double fallback)
    {
        string? v = settings.Raw(name);
        if (string.IsNullOrWhiteSpace(v))
            return fallback;
        if (!double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || !(n >= 0 && n <= 1))
            throw new SettingsException(name, $"{name}='{v}' is not a fraction between 0 and 1 (for example 0.5)");
        return n;
    }

    /// <summary>A whole number that must be at least <paramref name="minimum"/>.</summary>
    public static long AtLeast(this SettingsSource settings, string name, long fallback, long minimum)
    {
        long n = settings.Count(name, fallback);
        if (n < minimum)
            throw new SettingsException(name, $"{name}={n} is below the minimum of {minimum}");
        return n;
    }

    /// <summary>A duration that must be strictly positive.</summary>
    public static TimeSpan PositiveDuration(this SettingsSource settings, string name, TimeSpan fallback, TimeSpan minimum)
    {
        TimeSpan d = settings.Duration(name, fallback);
        if (d < minimum)
            throw new SettingsException(name, $"{name}='{settings.Raw(name)}' is too short: the minimum is {Describe(minimum)} ({DurationParser.Examples})");
        return d;
    }

    private static string Describe(TimeSpan d) =>
        d.TotalSeconds >= 1 ? $"{d.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s" : $"{d.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
