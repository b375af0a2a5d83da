using System.Globalization;
using System.Text.RegularExpressions;

namespace Solara.Orleans.Abstractions.Options;

/// <summary>The one parser for every duration setting: a number (floats allowed) with
/// <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>; a bare number means seconds.</summary>
public static partial class DurationParser
{
    public const string Examples = "examples: 30s, 5m, 1.5h, 2d, 250ms, 0s; a bare number means seconds";

    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d*)?|\.\d+)\s*(?<u>ms|s|m|h|d)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is null)
            return false;
        Match match = Pattern().Match(text.ToLowerInvariant());
        if (!match.Success)
            return false;
        double n = double.Parse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        double ms = match.Groups["u"].Value switch
        {
            "ms" => n,
            "m" => n * 60_000,
            "h" => n * 3_600_000,
            "d" => n * 86_400_000,
            _ => n * 1000,
        };
        if (double.IsInfinity(ms) || ms > TimeSpan.MaxValue.TotalMilliseconds)
            return false;
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    public static TimeSpan Parse(string variable, string text) =>
        TryParse(text, out TimeSpan d)
            ? d
            : throw new SettingsException(variable, $"{variable}='{text}' is not a duration ({Examples})");
}
