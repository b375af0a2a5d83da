using Solara.Tools.WidgetGenerator.Emit;
using Solara.Tools.WidgetGenerator.Schema;

namespace Solara.Tools.WidgetGenerator;

/// <summary>Turns the ipywidgets model schema into C#: one <c>{Class}.g.cs</c> per model plus
/// <c>WidgetModels.g.cs</c>. Pure and deterministic, so a test can compare its output with the
/// committed files.</summary>
public static class WidgetCodeGenerator
{
    /// <summary>File name → content, ordered by file name.</summary>
    public static IReadOnlyDictionary<string, string> Generate(string schemaJson)
    {
        IReadOnlyList<ModelSpec> models = SchemaReader.Read(schemaJson);
        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ModelSpec model in models)
        {
            string className = WidgetNaming.ClassName(model.ModelName);
            if (classes.ContainsKey(model.ModelName))
                throw new InvalidDataException($"the widget schema lists {model.ModelName} twice");
            if (classes.ContainsValue(className))
                throw new InvalidDataException($"two models map to the class name {className}");
            classes[model.ModelName] = className;
        }
        BrowserRules.Check(models);

        // A reference names a model without its suffix ("Layout", "ButtonStyle"); unknown names become Widget.
        string? ClassOfWidget(string widget) => classes.GetValueOrDefault(widget + "Model");

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (ModelSpec model in models)
            files[classes[model.ModelName] + ".g.cs"] = ClassWriter.Write(model, classes[model.ModelName], ClassOfWidget);
        files[RegistryWriter.FileName] = RegistryWriter.Write(models.Select(m => (m, classes[m.ModelName])));
        return files;
    }
}
