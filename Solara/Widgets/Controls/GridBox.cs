namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="GridBox"/>: a constructor taking the children.</summary>
public sealed partial class GridBox
{
    public GridBox(params IEnumerable<Widget> children)
        : this() => Children = TraitList.From(children);
}
