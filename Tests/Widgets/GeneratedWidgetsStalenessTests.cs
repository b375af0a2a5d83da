using System.Text.Json.Nodes;
using Solara.Tools.WidgetGenerator;

namespace Solara.Orleans.Tests.Widgets;

public sealed class GeneratedWidgetsStalenessTests
{
    [Fact]
    public void Committed_generated_widgets_are_exactly_what_the_generator_makes_from_the_installed_schema()
    {
        IReadOnlyDictionary<string, string> expected = WidgetCodeGenerator.Generate(WidgetSchemaFile.Text);
        string folder = Path.Combine(WidgetSchemaFile.RepositoryRoot, GeneratorPaths.OutputFolder);
        Dictionary<string, string> committed = Directory.GetFiles(folder, "*.cs")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).ReplaceLineEndings("\n"));

        string[] missing = [.. expected.Keys.Except(committed.Keys)];
        string[] extra = [.. committed.Keys.Except(expected.Keys)];
        string[] stale = [.. expected.Where(e => committed.TryGetValue(e.Key, out string? text) && text != e.Value).Select(e => e.Key)];

        Assert.True(missing.Length + extra.Length + stale.Length == 0,
            $"{GeneratorPaths.OutputFolder} is out of date (missing: [{string.Join(", ", missing)}], extra: [{string.Join(", ", extra)}], "
            + $"different: [{string.Join(", ", stale)}]). Run `{GeneratorPaths.RegenerateCommand}` from the repository root and commit the result.");
    }

    [Fact]
    public void Generating_twice_gives_the_same_files()
    {
        string schema = WidgetSchemaFile.Text;

        Assert.Equal(WidgetCodeGenerator.Generate(schema), WidgetCodeGenerator.Generate(schema));
    }

    [Fact]
    public void A_schema_array_without_a_known_element_type_stops_generation_with_a_message_naming_it()
    {
        JsonArray schema = JsonNode.Parse(WidgetSchemaFile.Text)!.AsArray();
        JsonObject button = schema.Single(m => (string?)m!["model"]!["name"] == "ButtonModel")!.AsObject();
        button["attributes"]!.AsArray().Single(a => (string?)a!["name"] == "_dom_classes")!.AsObject().Remove("items");

        var error = Assert.Throws<InvalidDataException>(() => WidgetCodeGenerator.Generate(schema.ToJsonString()));

        Assert.Contains("Button.DomClasses", error.Message);
        Assert.Contains("ElementTypes", error.Message);
    }

    [Fact]
    public void A_schema_without_a_model_the_validation_rules_need_stops_generation()
    {
        JsonArray schema = JsonNode.Parse(WidgetSchemaFile.Text)!.AsArray();
        schema.Remove(schema.Single(m => (string?)m!["model"]!["name"] == "IntSliderModel"));

        var error = Assert.Throws<InvalidDataException>(() => WidgetCodeGenerator.Generate(schema.ToJsonString()));

        Assert.Contains("IntSliderModel", error.Message);
    }
}
