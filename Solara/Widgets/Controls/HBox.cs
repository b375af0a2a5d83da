namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="HBox"/>: a constructor taking the children.</summary>
public sealed partial class HBox
{
    public HBox(params IEnumerable<Widget> children)
        : this() => Children = TraitList.From(children);
}
