namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="Box"/>: a constructor taking the children.</summary>
public sealed partial class Box
{
    public Box(params IEnumerable<Widget> children)
        : this() => Children = TraitList.From(children);
}
