using System.Globalization;
using System.Net;
using System.Text;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>Small self-contained SVG charts: grouped bars and lines, with a linear y axis from zero,
/// value labels and a legend. Enough for the benchmark report; no scripts, no external fonts.</summary>
public static class SvgChart
{
    private const int Width = 720, Height = 360, Left = 70, Right = 20, Top = 40, Bottom = 70;
    private static readonly string[] Palette = ["#2f6fba", "#e08a1e", "#3a9b55", "#b8443c", "#7a5aa6", "#888888"];

    public sealed record Series(string Name, double[] Values);

    /// <summary>One group of bars per category, one bar per series.</summary>
    public static string Bars(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<Series> series)
    {
        double max = NiceMax(series.SelectMany(s => s.Values).Where(v => !double.IsNaN(v)));
        var svg = Begin(title, yLabel, max);
        double plotWidth = Width - Left - Right;
        double group = plotWidth / categories.Count;
        double bar = group * 0.8 / series.Count;
        for (int c = 0; c < categories.Count; c++)
        {
            double x0 = Left + c * group + group * 0.1;
            for (int s = 0; s < series.Count; s++)
            {
                // NaN marks a figure that does not exist for this category; below zero draws as zero.
                if (double.IsNaN(series[s].Values[c]))
                    continue;
                double value = Math.Max(0, series[s].Values[c]);
                double h = Y(0, max) - Y(value, max);
                double x = x0 + s * bar;
                svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{Y(value, max):F1}\" width=\"{bar - 2:F1}\" height=\"{h:F1}\" fill=\"{Palette[s % Palette.Length]}\"/>"));
                svg.Append(Invariant($"<text x=\"{x + (bar - 2) / 2:F1}\" y=\"{Y(value, max) - 4:F1}\" font-size=\"10\" text-anchor=\"middle\">{Label(series[s].Values[c])}</text>"));
            }
            svg.Append(Invariant($"<text x=\"{Left + c * group + group / 2:F1}\" y=\"{Height - Bottom + 18}\" font-size=\"12\" text-anchor=\"middle\">{Escape(categories[c])}</text>"));
        }
        return End(svg, series);
    }

    /// <summary>Lines over numeric x values (drawn at their true positions, so a straight line means linear growth).</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<double> xs, IReadOnlyList<Series> series)
    {
        double max = NiceMax(series.SelectMany(s => s.Values));
        double xMax = xs.Max();
        var svg = Begin(title, yLabel, max);
        double X(double x) => Left + x / xMax * (Width - Left - Right - 20);
        foreach (double x in xs)
            svg.Append(Invariant($"<text x=\"{X(x):F1}\" y=\"{Height - Bottom + 18}\" font-size=\"12\" text-anchor=\"middle\">{Label(x)}</text>"));
        svg.Append(Invariant($"<text x=\"{Left + (Width - Left - Right) / 2}\" y=\"{Height - Bottom + 36}\" font-size=\"12\" text-anchor=\"middle\">{Escape(xLabel)}</text>"));
        for (int s = 0; s < series.Count; s++)
        {
            string color = Palette[s % Palette.Length];
            string points = string.Join(' ', xs.Select((x, i) => Invariant($"{X(x):F1},{Y(series[s].Values[i], max):F1}")));
            svg.Append(Invariant($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>"));
            for (int i = 0; i < xs.Count; i++)
            {
                svg.Append(Invariant($"<circle cx=\"{X(xs[i]):F1}\" cy=\"{Y(series[s].Values[i], max):F1}\" r=\"3.5\" fill=\"{color}\"/>"));
                svg.Append(Invariant($"<text x=\"{X(xs[i]) - 6:F1}\" y=\"{Y(series[s].Values[i], max) - 7:F1}\" font-size=\"10\" text-anchor=\"end\">{Label(series[s].Values[i])}</text>"));
            }
        }
        return End(svg, series);
    }

    private static StringBuilder Begin(string title, string yLabel, double max)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"22\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{Escape(title)}</text>"));
        for (int i = 0; i <= 4; i++)
        {
            double value = max * i / 4;
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(value, max):F1}\" y2=\"{Y(value, max):F1}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(value, max) + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{Label(value)}</text>"));
        }
        svg.Append(Invariant($"<text transform=\"translate(16,{Top + (Height - Top - Bottom) / 2}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">{Escape(yLabel)}</text>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>"));
        return svg;
    }

    private static string End(StringBuilder svg, IReadOnlyList<Series> series)
    {
        double x = Left;
        for (int s = 0; s < series.Count; s++)
        {
            svg.Append(Invariant($"<rect x=\"{x:F0}\" y=\"{Height - 22}\" width=\"12\" height=\"12\" fill=\"{Palette[s % Palette.Length]}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 16:F0}\" y=\"{Height - 12}\" font-size=\"12\">{Escape(series[s].Name)}</text>"));
            x += 30 + series[s].Name.Length * 6.5;
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double Y(double value, double max) => Height - Bottom - value / max * (Height - Top - Bottom);

    /// <summary>The smallest 1, 2, 2.5 or 5 × 10^n at or above the largest value.</summary>
    private static double NiceMax(IEnumerable<double> values)
    {
        double max = Math.Max(values.DefaultIfEmpty(0).Max(), 1e-9);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (double step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= max)
                return step * magnitude;
        return 10 * magnitude;
    }

    private static string Label(double value) => value switch
    {
        >= 10_000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
