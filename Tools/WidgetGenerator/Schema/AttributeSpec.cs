using System.Text.Json.Nodes;

namespace Solara.Tools.WidgetGenerator.Schema;

/// <summary>One synced attribute (trait) of a model. <see cref="Types"/> has one entry, or
/// several for a union (then <see cref="UnionMembers"/> describes each).</summary>
public sealed record AttributeSpec(
    string Name,
    string Help,
    JsonNode? Default,
    bool AllowNone,
    IReadOnlyList<string> Types,
    string? Widget,
    AttributeSpec? Items,
    IReadOnlyList<string>? Enum,
    IReadOnlyList<AttributeSpec> UnionMembers)
{
    public string Type => Types.Count == 1 ? Types[0] : string.Join("|", Types);

    /// <summary>The identity traits every model carries (<c>_model_name</c>, <c>_view_module</c>, ...).</summary>
    public bool IsIdentity => Name.StartsWith("_model_", StringComparison.Ordinal) || Name.StartsWith("_view_", StringComparison.Ordinal);
}
