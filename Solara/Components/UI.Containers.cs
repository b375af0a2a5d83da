using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

public static partial class UI
{
    /// <summary>Tabs; the browser keeps which one is open unless <paramref name="selected"/> is given.</summary>
    public static Element Tabs(IReadOnlyList<(string Title, Element Content)> tabs, int? selected = null, Action<int>? onSelected = null, string? key = null) =>
        selected is { } index
            ? TitledContainer<Tab>(tabs, index, onSelected is null ? null : i => { if (i is int n) onSelected(n); }, key)
            : Component.Of(OpenedInBrowser<Tab>, new TitledItems(tabs, 0, i => { if (i is int n) onSelected?.Invoke(n); }), key);

    /// <summary>Collapsible sections, all closed at first; the browser keeps which one is open unless <paramref name="selected"/> is given.</summary>
    public static Element Accordion(IReadOnlyList<(string Title, Element Content)> sections, int? selected = null, Action<int?>? onSelected = null, string? key = null) =>
        selected is not null
            ? TitledContainer<Widgets.Accordion>(sections, selected, onSelected is null ? null : i => onSelected(i as int?), key)
            : Component.Of(OpenedInBrowser<Widgets.Accordion>, new TitledItems(sections, null, i => onSelected?.Invoke(i as int?)), key);

    private sealed record TitledItems(IReadOnlyList<(string Title, Element Content)> Items, int? Initial, Action<object?> OnSelected);

    /// <summary>A container whose open item is this component's own state, so re-rendering the page
    /// around it does not send it back to the first (or no) item.</summary>
    private static Element OpenedInBrowser<TWidget>(TitledItems props) where TWidget : Widget, new()
    {
        (int? selected, Action<int?> setSelected) = Hooks.UseState(props.Initial);
        int? shown = selected is { } n && n >= props.Items.Count ? props.Items.Count - 1 : selected;
        return TitledContainer<TWidget>(props.Items, shown is < 0 ? null : shown, i =>
        {
            setSelected(i as int?);
            props.OnSelected(i);
        }, key: null);
    }

    private static Element TitledContainer<TWidget>(IReadOnlyList<(string Title, Element Content)> items, int? selected, Action<object?>? onSelected, string? key)
        where TWidget : Widget, new() =>
        WidgetElement.Of<TWidget>(
            Props.Of(("children", items.Select(i => i.Content).ToArray()), ("titles", items.Select(i => i.Title).ToArray()), ("selected_index", selected)),
            Props.Events(("selected_index", onSelected)), key);
}
