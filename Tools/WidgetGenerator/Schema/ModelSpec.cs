namespace Solara.Tools.WidgetGenerator.Schema;

/// <summary>One ipywidgets model as <c>@jupyter-widgets/schema</c> describes it.</summary>
public sealed record ModelSpec(
    string ModelName,
    string ModelModule,
    string ModelModuleVersion,
    string? ViewName,
    string ViewModule,
    string ViewModuleVersion,
    IReadOnlyList<AttributeSpec> Attributes)
{
    public AttributeSpec? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);
}
