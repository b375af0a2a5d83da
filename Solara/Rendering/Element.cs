namespace Solara.Rendering;

/// <summary>A description of what to show: a widget with props, or a component to call. Elements
/// are cheap values; the reconciler turns them into widgets and keeps those widgets across renders.</summary>
public abstract class Element
{
    /// <summary>Identifies this element among its siblings, so reordering keeps its widget and state.</summary>
    public string? Key { get; init; }
}
