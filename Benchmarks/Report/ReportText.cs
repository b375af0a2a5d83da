using System.Globalization;
using System.Text;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>Formatting shared by the report's sections: units, gaps to a target, Markdown lines.</summary>
internal static class ReportText
{
    public static string Gap(double measured, double target, string unit, bool lowerIsBetter)
    {
        bool met = lowerIsBetter ? measured <= target : measured >= target;
        string g = (lowerIsBetter ? measured - target : target - measured).ToString("0.##", CultureInfo.InvariantCulture);
        return met ? "met" : $"missed by {g} {unit}";
    }

    public static string Kb(double bytes) => (bytes / 1000).ToString("F1", CultureInfo.InvariantCulture) + " KB";

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";

    public static string Times(double ratio) => ratio.ToString("F1", CultureInfo.InvariantCulture) + "×";

    public static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
