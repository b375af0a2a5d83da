namespace Solara.Widgets;

public sealed class VBox : DomWidget
{
    public VBox(params Widget[] children)
        : base("VBoxModel", "VBoxView")
    {
        Set("box_style", "");
        Children = children;
    }

    public IReadOnlyList<Widget> Children
    {
        get => Get<IReadOnlyList<Widget>>("children");
        set => Set("children", value.ToArray());
    }
}
