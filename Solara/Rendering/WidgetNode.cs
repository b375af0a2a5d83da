using Solara.Widgets;

namespace Solara.Rendering;

/// <summary>A mounted widget element: the widget, and the nodes behind its element-valued props.</summary>
public sealed class WidgetNode(Node? parent, WidgetElement element, Widget widget) : Node(parent)
{
    public WidgetElement Element { get; set; } = element;
    public override Widget Widget => widget;

    /// <summary>Per prop name: the single child node, or the list of child nodes.</summary>
    public Dictionary<string, object> Children { get; } = new(StringComparer.Ordinal);

    public IEnumerable<Node> AllChildren => Children.Values.SelectMany(c => c is Node n ? [n] : (List<Node>)c);
}
