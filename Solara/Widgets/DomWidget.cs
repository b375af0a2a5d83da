namespace Solara.Widgets;

/// <summary>A widget with a view in the page: it has a layout (and usually a style) model.</summary>
public abstract class DomWidget : Widget
{
    protected DomWidget(string modelName, string viewName, string module = "@jupyter-widgets/controls", string version = "2.0.0")
        : base(modelName, module, version, viewName, module, version)
    {
        Set("layout", new Layout());
        Set("_dom_classes", Array.Empty<string>());
        Set("tabbable", null);
        Set("tooltip", null);
    }

    public Layout Layout => Get<Layout>("layout");
}
