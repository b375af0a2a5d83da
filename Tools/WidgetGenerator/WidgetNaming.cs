using System.Text;

namespace Solara.Tools.WidgetGenerator;

/// <summary>C# names for schema names. A class is the model name without its <c>Model</c>
/// suffix, with acronyms written as words: <c>IntSliderModel</c> → <c>IntSlider</c>,
/// <c>HTMLMathStyleModel</c> → <c>HtmlMathStyle</c>, <c>DOMWidgetModel</c> → <c>DomWidget</c>.
/// A property is the trait name in PascalCase without leading underscores:
/// <c>description</c> → <c>Description</c>, <c>_dom_classes</c> → <c>DomClasses</c>.</summary>
public static class WidgetNaming
{
    public static string ClassName(string modelName)
    {
        string stem = modelName.EndsWith("Model", StringComparison.Ordinal) && modelName.Length > "Model".Length
            ? modelName[..^"Model".Length]
            : modelName;
        var name = new StringBuilder(stem.Length);
        for (int i = 0; i < stem.Length; i++)
        {
            char c = stem[i];
            bool previousUpper = i > 0 && char.IsUpper(stem[i - 1]);
            bool nextLower = i + 1 < stem.Length && char.IsLower(stem[i + 1]);
            // Inside an acronym (an upper-case letter after another, not starting the next word) → lower case.
            name.Append(char.IsUpper(c) && previousUpper && !nextLower ? char.ToLowerInvariant(c) : c);
        }
        return name.ToString();
    }

    public static string PropertyName(string traitName)
    {
        var name = new StringBuilder(traitName.Length);
        foreach (string word in traitName.Split('_', StringSplitOptions.RemoveEmptyEntries))
            name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        if (name.Length == 0 || !char.IsLetter(name[0]))
            throw new InvalidDataException($"trait '{traitName}' has no usable C# property name");
        return name.ToString();
    }
}
