namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="DirectionalLink"/>: a constructor taking both ends as
/// <c>(widget, trait name)</c> pairs, which the browser keeps in sync without a round trip.</summary>
public sealed partial class DirectionalLink
{
    public DirectionalLink((Widget Widget, string Trait) source, (Widget Widget, string Trait) target)
        : this()
    {
        Source = TraitList.Create<object?>(source.Widget, source.Trait);
        Target = TraitList.Create<object?>(target.Widget, target.Trait);
    }
}
