using System.Text.Json.Nodes;

namespace Solara.Tools.WidgetGenerator.Schema;

/// <summary>Reads <c>jupyterwidgetmodels.latest.json</c>: a list of
/// <c>{model: {name, module, version}, view: {...}, attributes: [...]}</c>.</summary>
public static class SchemaReader
{
    public static IReadOnlyList<ModelSpec> Read(string schemaJson)
    {
        if (JsonNode.Parse(schemaJson) is not JsonArray models)
            throw new InvalidDataException("the widget schema must be a JSON list of models");
        return models.Select((m, i) => Model(m as JsonObject ?? throw new InvalidDataException($"schema entry {i} is not an object"))).ToArray();
    }

    private static ModelSpec Model(JsonObject entry)
    {
        JsonObject model = Object(entry, "model", "a model entry");
        string name = Text(model, "name", "model");
        JsonObject view = Object(entry, "view", name);
        JsonArray attributes = entry["attributes"] as JsonArray ?? throw new InvalidDataException($"{name} has no 'attributes' list");
        return new ModelSpec(
            name,
            Text(model, "module", name),
            Text(model, "version", name),
            (string?)view["name"],
            Text(view, "module", name),
            Text(view, "version", name),
            attributes.Select(a => Attribute(a as JsonObject ?? throw new InvalidDataException($"{name} has an attribute that is not an object"), name)).ToArray());
    }

    private static AttributeSpec Attribute(JsonObject a, string owner)
    {
        string name = (string?)a["name"] ?? "(item)";
        string where = $"{owner}.{name}";
        IReadOnlyList<string> types = a["type"] switch
        {
            JsonArray list => list.Select(t => (string?)t ?? throw new InvalidDataException($"{where} has a null type")).ToArray(),
            JsonValue single => [(string?)single ?? throw new InvalidDataException($"{where} has a null type")],
            _ => throw new InvalidDataException($"{where} has no 'type'"),
        };
        return new AttributeSpec(
            name,
            (string?)a["help"] ?? "",
            a["default"]?.DeepClone(),
            (bool?)a["allow_none"] ?? false,
            types,
            (string?)a["widget"],
            a["items"] is JsonObject items ? Attribute(items, where) : null,
            (a["enum"] as JsonArray)?.Select(e => (string?)e ?? "").ToArray(),
            (a["union_attributes"] as JsonArray)?.Select(u => Attribute((JsonObject)u!, where)).ToArray() ?? []);
    }

    private static JsonObject Object(JsonObject parent, string key, string where) =>
        parent[key] as JsonObject ?? throw new InvalidDataException($"{where} has no '{key}' object");

    private static string Text(JsonObject parent, string key, string where) =>
        (string?)parent[key] ?? throw new InvalidDataException($"{where} has no '{key}'");
}
