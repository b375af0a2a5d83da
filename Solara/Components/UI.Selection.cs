using Solara.Reactive;
using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

public static partial class UI
{
    /// <summary>A drop-down of <paramref name="options"/>; the value is the selected option (null for none).</summary>
    public static Element Select(string label, IReadOnlyList<string> options, Reactive<string?> value, bool disabled = false, string? key = null) =>
        Select(label, options, value.Value, v => value.Value = v, disabled, key);

    public static Element Select(string label, IReadOnlyList<string> options, string? value, Action<string?>? onValue, bool disabled = false, string? key = null) =>
        Selection<Dropdown>(label, options, value, onValue, disabled, key);

    public static Element ToggleButtons(string label, IReadOnlyList<string> options, Reactive<string?> value, bool disabled = false, string? key = null) =>
        ToggleButtons(label, options, value.Value, v => value.Value = v, disabled, key);

    public static Element ToggleButtons(string label, IReadOnlyList<string> options, string? value, Action<string?>? onValue, bool disabled = false, string? key = null) =>
        Selection<Widgets.ToggleButtons>(label, options, value, onValue, disabled, key);

    private static Element Selection<TWidget>(string label, IReadOnlyList<string> options, string? value, Action<string?>? onValue, bool disabled, string? key)
        where TWidget : Widget, new()
    {
        int index = value is null ? -1 : IndexOf(options, value);
        return WidgetElement.Of<TWidget>(
            Props.Of(("description", label), ("_options_labels", options.ToArray()), ("index", index < 0 ? null : index), ("disabled", disabled)),
            Props.Events(("index", onValue is null ? null : i => onValue(i is int n && n >= 0 && n < options.Count ? options[n] : null))), key);
    }

    /// <summary>A list where several options can be selected.</summary>
    public static Element SelectMultiple(string label, IReadOnlyList<string> options, Reactive<IReadOnlyList<string>> values, bool disabled = false, string? key = null) =>
        SelectMultiple(label, options, values.Value, v => values.Value = v, disabled, key);

    public static Element SelectMultiple(string label, IReadOnlyList<string> options, IReadOnlyList<string> values, Action<IReadOnlyList<string>>? onValue, bool disabled = false, string? key = null)
    {
        int[] indices = values.Select(v => IndexOf(options, v)).Where(i => i >= 0).ToArray();
        return WidgetElement.Of<Widgets.SelectMultiple>(
            Props.Of(("description", label), ("_options_labels", options.ToArray()), ("index", indices), ("rows", Math.Min(Math.Max(options.Count, 2), 8)), ("disabled", disabled)),
            Props.Events(("index", onValue is null ? null : i => onValue(((IEnumerable<int>?)i ?? []).Where(n => n >= 0 && n < options.Count).Select(n => options[n]).ToArray()))), key);
    }

    private static int IndexOf(IReadOnlyList<string> options, string value)
    {
        for (int i = 0; i < options.Count; i++)
            if (options[i] == value)
                return i;
        return -1;
    }
}
