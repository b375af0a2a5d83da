using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

/// <summary>The component library: functions named and parameterised as a Solara user would
/// guess, each returning an element. Inputs bind two-way to a <see cref="Reactive.Reactive{T}"/>
/// or take <c>value</c> plus an <c>onValue</c> callback.</summary>
public static partial class UI
{
    /// <summary>Children stacked vertically.</summary>
    public static Element Column(params Element[] children) => Column(children, gap: "12px");

    public static Element Column(IEnumerable<Element> children, string gap = "12px", string? key = null) =>
        WidgetElement.Of<VBox>(Props.Of(
            ("children", children.ToArray()),
            ("layout", Props.Layout(("grid_gap", gap))),
            ("_dom_classes", Props.Classes("solara-column"))), key: key);

    /// <summary>Children side by side, wrapping when the page is narrow.</summary>
    public static Element Row(params Element[] children) => Row(children, gap: "12px");

    public static Element Row(IEnumerable<Element> children, string gap = "12px", bool wrap = true, string? key = null) =>
        WidgetElement.Of<HBox>(Props.Of(
            ("children", children.ToArray()),
            ("layout", Props.Layout(("grid_gap", gap), ("flex_flow", wrap ? "row wrap" : "row"), ("align_items", "center"))),
            ("_dom_classes", Props.Classes("solara-row"))), key: key);

    /// <summary>A bordered panel with an optional title.</summary>
    public static Element Card(string? title, params Element[] children) => Card(title, children, key: null);

    public static Element Card(string? title, IEnumerable<Element> children, string? key = null)
    {
        Element[] content = title is null ? [.. children] : [Html($"<h3 class=\"solara-card-title\">{Escape(title)}</h3>"), .. children];
        return WidgetElement.Of<VBox>(Props.Of(
            ("children", content),
            ("layout", Props.Layout(("grid_gap", "10px"), ("padding", "16px"), ("border_top", "1px solid #e0e0e0"), ("border_bottom", "1px solid #e0e0e0"),
                ("border_left", "1px solid #e0e0e0"), ("border_right", "1px solid #e0e0e0"), ("margin", "0 0 12px 0"))),
            ("_dom_classes", Props.Classes("solara-card"))), key: key);
    }

    internal static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
