namespace Solara.Widgets;

/// <summary>The hand-written half of <see cref="Html"/>: a constructor taking the HTML to show.</summary>
public sealed partial class Html
{
    public Html(string value)
        : this() => Value = value;
}
