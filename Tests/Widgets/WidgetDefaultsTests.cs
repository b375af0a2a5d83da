using System.Text.Json.Nodes;
using Solara.Tools.WidgetGenerator;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>A freshly constructed widget sends what ipywidgets sends: every schema attribute at its
/// schema default, plus <c>_view_count</c> (a base Widget trait the schema leaves out).</summary>
public sealed class WidgetDefaultsTests
{
    private static string[] SchemaModelNames() => [.. WidgetSchemaFile.Models().Select(m => (string)m["model"]!["name"]!)];

    public static TheoryData<string> ModelNames() => [.. SchemaModelNames()];

    [Fact]
    public void Every_schema_model_has_a_generated_class_and_nothing_else_does()
    {
        Assert.Equal(SchemaModelNames().Order(StringComparer.Ordinal), WidgetModels.Factories.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Default_state_has_exactly_the_schema_attributes_at_their_defaults(string modelName)
    {
        JsonObject schema = WidgetSchemaFile.Model(modelName);
        Widget widget = WidgetModels.Factories[modelName]();

        JsonObject state = widget.FullState();

        Assert.Equal(WidgetNaming.ClassName(modelName), widget.GetType().Name);
        Assert.Equal(modelName, widget.ModelName);
        Assert.Equal((string?)schema["model"]!["module"], widget.ModelModule);
        Assert.Equal((string?)schema["model"]!["version"], widget.ModelModuleVersion);
        Assert.Equal((string?)schema["view"]!["name"], widget.ViewName);
        JsonArray attributes = schema["attributes"]!.AsArray();
        Assert.Equal(attributes.Select(a => (string)a!["name"]!).Append("_view_count").Order(StringComparer.Ordinal), state.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Null(state["_view_count"]);
        foreach (JsonObject attribute in attributes.Select(a => a!.AsObject()))
            AssertDefault(widget, attribute, state[(string)attribute["name"]!]);
    }

    private static void AssertDefault(Widget widget, JsonObject attribute, JsonNode? actual)
    {
        string name = $"{widget.ModelName}.{attribute["name"]}";
        JsonNode? expected = attribute["default"];
        switch ((string?)(attribute["type"] as JsonValue))
        {
            case "reference" when (string?)expected == "reference to new instance":
                // Like ipywidgets' InstanceDict: a new instance of the referenced model.
                string? reference = (string?)actual;
                Assert.NotNull(reference);
                Assert.StartsWith(TraitJson.ModelPrefix, reference);
                Widget referenced = Assert.Single(widget.References(), r => TraitJson.ModelPrefix + r.ModelId == reference);
                Assert.Equal((string)attribute["widget"]! + "Model", referenced.ModelName);
                break;
            case "bytes":
                // The schema spells the empty default as Python's repr; it travels as an empty frame buffer.
                Assert.Equal("b''", (string?)expected);
                Assert.True(actual is JsonValue v && v.TryGetValue(out byte[]? bytes) && bytes.Length == 0, $"{name} should default to no bytes, got {actual?.ToJsonString()}");
                break;
            default:
                Assert.True(JsonEquals(expected, actual), $"{name} should default to {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    /// <summary>JSON equality with numbers compared by value (the schema writes <c>100.0</c>, .NET <c>100</c>).</summary>
    private static bool JsonEquals(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => JsonEquals(p.First, p.Second)),
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && JsonEquals(p.Value, y[p.Key])),
        (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.Number && y.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            TraitConvert.TryDouble(x, out double dx) && TraitConvert.TryDouble(y, out double dy) && dx == dy,
        (JsonValue x, JsonValue y) => JsonNode.DeepEquals(x, y),
        _ => false,
    };
}
