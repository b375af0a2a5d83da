using System.Globalization;
using System.Text;

namespace Solara.Tools.WidgetGenerator.Emit;

/// <summary>C# spellings of schema values: string and number literals, XML doc text.</summary>
internal static class CSharpLiterals
{
    /// <summary>A quoted string; anything outside printable ASCII is a <c>\uXXXX</c> escape.</summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ' or > '~': text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double literal that always reads as a double (<c>100.0</c>, not <c>100</c>).</summary>
    public static string Double(double value)
    {
        if (!double.IsFinite(value))
            throw new InvalidDataException($"the schema default {value} has no C# literal");
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Text for a <c>&lt;summary&gt;</c>: XML-escaped, whitespace collapsed to single spaces.</summary>
    public static string Doc(string text)
    {
        string oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
