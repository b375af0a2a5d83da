namespace Solara.Widgets;

public sealed class HtmlStyle : Widget
{
    public HtmlStyle()
        : base("HTMLStyleModel", "@jupyter-widgets/controls", "2.0.0", "StyleView", "@jupyter-widgets/base", "2.0.0")
    {
    }
}
