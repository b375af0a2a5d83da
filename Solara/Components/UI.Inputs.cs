using System.Globalization;
using Solara.Reactive;
using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

public static partial class UI
{
    public static Element Button(string label, Action? onClick = null, bool disabled = false, string? icon = null, string buttonStyle = "", string? key = null) =>
        WidgetElement.Of<Widgets.Button>(
            Props.Of(("description", label), ("disabled", disabled), ("icon", icon ?? ""), ("button_style", buttonStyle)),
            Props.Events(("click", onClick is null ? null : _ => onClick())), key);

    public static Element Checkbox(string label, Reactive<bool> value, bool disabled = false, string? key = null) =>
        Checkbox(label, value.Value, v => value.Value = v, disabled, key);

    public static Element Checkbox(string label, bool value, Action<bool>? onValue, bool disabled = false, string? key = null) =>
        BoolInput<Widgets.Checkbox>(label, value, onValue, disabled, "solara-checkbox", key);

    /// <summary>An on/off switch (a checkbox styled as a switch).</summary>
    public static Element Switch(string label, Reactive<bool> value, bool disabled = false, string? key = null) =>
        Switch(label, value.Value, v => value.Value = v, disabled, key);

    public static Element Switch(string label, bool value, Action<bool>? onValue, bool disabled = false, string? key = null) =>
        BoolInput<Widgets.Checkbox>(label, value, onValue, disabled, "solara-switch", key);

    private static Element BoolInput<TWidget>(string label, bool value, Action<bool>? onValue, bool disabled, string cssClass, string? key)
        where TWidget : Widget, new() =>
        WidgetElement.Of<TWidget>(
            Props.Of(("description", label), ("value", value), ("disabled", disabled), ("indent", false), ("_dom_classes", Props.Classes(cssClass))),
            Props.Events(("value", onValue is null ? null : v => onValue((bool)v!))), key);

    public static Element SliderInt(string label, Reactive<int> value, int min = 0, int max = 10, int step = 1, bool disabled = false, string? key = null) =>
        SliderInt(label, value.Value, v => value.Value = v, min, max, step, disabled, key);

    public static Element SliderInt(string label, int value, Action<int>? onValue, int min = 0, int max = 10, int step = 1, bool disabled = false, string? key = null) =>
        WidgetElement.Of<IntSlider>(
            Props.Of(("description", label), ("min", min), ("max", max), ("step", step), ("value", Math.Clamp(value, min, max)), ("disabled", disabled)),
            Props.Events(("value", onValue is null ? null : v => onValue(Convert.ToInt32(v, CultureInfo.InvariantCulture)))), key);

    public static Element SliderFloat(string label, Reactive<double> value, double min = 0, double max = 1, double step = 0.01, bool disabled = false, string? key = null) =>
        SliderFloat(label, value.Value, v => value.Value = v, min, max, step, disabled, key);

    public static Element SliderFloat(string label, double value, Action<double>? onValue, double min = 0, double max = 1, double step = 0.01, bool disabled = false, string? key = null) =>
        WidgetElement.Of<FloatSlider>(
            Props.Of(("description", label), ("min", min), ("max", max), ("step", step), ("value", Math.Clamp(value, min, max)), ("disabled", disabled)),
            Props.Events(("value", onValue is null ? null : v => onValue(Convert.ToDouble(v, CultureInfo.InvariantCulture)))), key);

    /// <summary>A text box. With <paramref name="continuousUpdate"/> every keystroke is sent; otherwise on Enter or blur.
    /// <paramref name="onEnter"/> runs when Enter is pressed in the box; pair it with <paramref name="continuousUpdate"/>
    /// so the value it reads is the one typed (the browser sends Enter before it commits a non-continuous value).</summary>
    public static Element InputText(string label, Reactive<string> value, string placeholder = "", bool continuousUpdate = false, bool disabled = false, Action? onEnter = null, string? key = null) =>
        InputText(label, value.Value, v => value.Value = v, placeholder, continuousUpdate, disabled, onEnter, key);

    public static Element InputText(string label, string value, Action<string>? onValue, string placeholder = "", bool continuousUpdate = false, bool disabled = false, Action? onEnter = null, string? key = null) =>
        WidgetElement.Of<Widgets.Text>(
            Props.Of(("description", label), ("value", value), ("placeholder", placeholder), ("continuous_update", continuousUpdate), ("disabled", disabled)),
            Props.Events(("value", onValue is null ? null : v => onValue((string?)v ?? "")), ("submit", onEnter is null ? null : _ => onEnter())), key);

    public static Element InputInt(string label, Reactive<int> value, bool disabled = false, string? key = null) =>
        InputInt(label, value.Value, v => value.Value = v, disabled, key);

    public static Element InputInt(string label, int value, Action<int>? onValue, bool disabled = false, string? key = null) =>
        WidgetElement.Of<IntText>(
            Props.Of(("description", label), ("value", value), ("disabled", disabled), ("continuous_update", false)),
            Props.Events(("value", onValue is null ? null : v => onValue(Convert.ToInt32(v, CultureInfo.InvariantCulture)))), key);

    public static Element InputFloat(string label, Reactive<double> value, bool disabled = false, string? key = null) =>
        InputFloat(label, value.Value, v => value.Value = v, disabled, key);

    public static Element InputFloat(string label, double value, Action<double>? onValue, bool disabled = false, string? key = null) =>
        WidgetElement.Of<FloatText>(
            Props.Of(("description", label), ("value", value), ("disabled", disabled), ("continuous_update", false)),
            Props.Events(("value", onValue is null ? null : v => onValue(Convert.ToDouble(v, CultureInfo.InvariantCulture)))), key);
}
