namespace Solara.Widgets;

public sealed class ButtonStyle : Widget
{
    public ButtonStyle()
        : base("ButtonStyleModel", "@jupyter-widgets/controls", "2.0.0", "StyleView", "@jupyter-widgets/base", "2.0.0")
    {
    }
}
