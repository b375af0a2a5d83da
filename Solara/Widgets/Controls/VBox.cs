namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="VBox"/>: a constructor taking the children.</summary>
public sealed partial class VBox
{
    public VBox(params IEnumerable<Widget> children)
        : this() => Children = TraitList.From(children);
}
