using System.Text.Json.Nodes;
using Solara.Tools.WidgetGenerator;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>The ipywidgets model schema the build installs under Client/node_modules, read as
/// plain JSON: the tests check the generated classes against it, not against the generator.</summary>
public static class WidgetSchemaFile
{
    public static string RepositoryRoot { get; } = GeneratorPaths.FindRepositoryRoot(AppContext.BaseDirectory);

    public static string Path { get; } = System.IO.Path.Combine(RepositoryRoot, GeneratorPaths.SchemaFile);

    public static string Text => File.Exists(Path)
        ? File.ReadAllText(Path)
        : throw new FileNotFoundException($"{Path} is missing; `dotnet build` runs `npm ci` in Client/, which installs it", Path);

    public static IReadOnlyList<JsonObject> Models() => JsonNode.Parse(Text)!.AsArray().Select(m => m!.AsObject()).ToArray();

    public static JsonObject Model(string modelName) =>
        Models().Single(m => (string?)m["model"]!["name"] == modelName);
}
