using Solara.Widgets;

namespace Solara.Rendering;

/// <summary>A mounted element: what the reconciler keeps between renders.</summary>
public abstract class Node(Node? parent)
{
    public Node? Parent { get; } = parent;
    public int Depth { get; } = parent is null ? 0 : parent.Depth + 1;
    public bool Unmounted { get; set; }

    /// <summary>The widget this node shows (for a component: the widget of what it rendered).</summary>
    public abstract Widget? Widget { get; }
}
