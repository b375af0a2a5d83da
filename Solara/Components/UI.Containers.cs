using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

public static partial class UI
{
    /// <summary>Tabs; the browser keeps which one is open unless <paramref name="selected"/> is given.</summary>
    public static Element Tabs(IReadOnlyList<(string Title, Element Content)> tabs, int? selected = null, Action<int>? onSelected = null, string? key = null) =>
        TitledContainer<Tab>(tabs, selected ?? 0, onSelected, key);

    /// <summary>Collapsible sections; none is open unless <paramref name="selected"/> is given.</summary>
    public static Element Accordion(IReadOnlyList<(string Title, Element Content)> sections, int? selected = null, Action<int?>? onSelected = null, string? key = null) =>
        TitledContainer<Widgets.Accordion>(sections, selected, onSelected is null ? null : i => onSelected(i), key);

    private static Element TitledContainer<TWidget>(IReadOnlyList<(string Title, Element Content)> items, int? selected, Action<int>? onSelected, string? key)
        where TWidget : Widget, new() =>
        WidgetElement.Of<TWidget>(
            Props.Of(("children", items.Select(i => i.Content).ToArray()), ("titles", items.Select(i => i.Title).ToArray()), ("selected_index", selected)),
            Props.Events(("selected_index", onSelected is null ? null : i => { if (i is int n) onSelected(n); })), key);
}
