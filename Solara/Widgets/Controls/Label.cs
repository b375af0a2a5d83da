namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="Label"/>: a constructor taking the text to show.</summary>
public sealed partial class Label
{
    public Label(string value)
        : this() => Value = value;
}
