namespace Solara.Widgets;

/// <summary>The clamping ipywidgets applies to bounded values (sliders, bounded text boxes,
/// progress bars, date and time pickers): a value outside <c>[min, max]</c> becomes the nearest
/// bound, computed as <c>min(max(value, min), max)</c>.</summary>
public static class TraitBounds
{
    public static T Clamp<T>(T value, T min, T max) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0)
            value = min;
        if (value.CompareTo(max) > 0)
            value = max;
        return value;
    }

    /// <summary>Clamping with optional bounds (a null bound is no bound); a null value stays null.</summary>
    public static T? ClampOptional<T>(T? value, T? min, T? max) where T : struct, IComparable<T>
    {
        if (value is not T v)
            return null;
        if (min is T low && v.CompareTo(low) < 0)
            v = low;
        if (max is T high && v.CompareTo(high) > 0)
            v = high;
        return v;
    }

    /// <summary>A log slider's value lies in <c>[base^min, base^max]</c>.</summary>
    public static double ClampLog(double value, double min, double max, double @base) =>
        Clamp(value, Math.Pow(@base, min), Math.Pow(@base, max));

    public static bool AreOrdered<T>(T low, T high) where T : IComparable<T> => low.CompareTo(high) <= 0;

    public static bool AreOrderedOptional<T>(T? low, T? high) where T : struct, IComparable<T> =>
        low is not T l || high is not T h || l.CompareTo(h) <= 0;

    /// <summary>A range slider's <c>(lower, upper)</c>: refused unless it is a pair with
    /// lower &lt;= upper; then each end is clamped into <c>[min, max]</c>.</summary>
    public static bool TryClampRange<T>(IReadOnlyList<T> value, T min, T max, out IReadOnlyList<T> clamped) where T : IComparable<T>
    {
        clamped = value;
        if (value.Count != 2 || value[0].CompareTo(value[1]) > 0)
            return false;
        clamped = ClampRange(value, min, max);
        return true;
    }

    /// <summary>Each end clamped into <c>[min, max]</c> (what a change of the bounds does to the value).</summary>
    public static IReadOnlyList<T> ClampRange<T>(IReadOnlyList<T> value, T min, T max) where T : IComparable<T> =>
        TraitList.From(value.Select(v => Clamp(v, min, max)));
}
