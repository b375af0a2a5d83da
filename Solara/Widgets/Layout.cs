namespace Solara.Widgets;

public sealed class Layout : Widget
{
    public Layout()
        : base("LayoutModel", "@jupyter-widgets/base", "2.0.0", "LayoutView", "@jupyter-widgets/base", "2.0.0")
    {
    }

    public string? Width
    {
        get => (string?)GetTrait("width");
        set => Set("width", value);
    }
}
