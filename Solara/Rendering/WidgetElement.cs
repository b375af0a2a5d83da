using Solara.Widgets;

namespace Solara.Rendering;

/// <summary>A widget of type <see cref="WidgetType"/> with trait values (<see cref="Props"/>) and
/// event handlers (<see cref="Events"/>). A prop whose value is an <see cref="Element"/> or a list
/// of elements becomes a widget reference or a list of widget references.</summary>
public sealed class WidgetElement : Element
{
    public WidgetElement(Type widgetType, Func<Widget> create, IReadOnlyDictionary<string, object?> props, IReadOnlyDictionary<string, Action<object?>>? events = null)
    {
        WidgetType = widgetType;
        Create = create;
        Props = props;
        Events = events ?? EmptyEvents;
    }

    private static readonly IReadOnlyDictionary<string, Action<object?>> EmptyEvents = new Dictionary<string, Action<object?>>();

    public Type WidgetType { get; }
    public Func<Widget> Create { get; }
    public IReadOnlyDictionary<string, object?> Props { get; }

    /// <summary>Handlers by name: a custom event name (<c>click</c>, <c>submit</c>; receives the message
    /// content) or a trait name (receives the value the browser set).</summary>
    public IReadOnlyDictionary<string, Action<object?>> Events { get; }

    public static WidgetElement Of<TWidget>(IReadOnlyDictionary<string, object?> props, IReadOnlyDictionary<string, Action<object?>>? events = null, string? key = null)
        where TWidget : Widget, new() =>
        new(typeof(TWidget), static () => new TWidget(), props, events) { Key = key };

    /// <summary>Shows a widget made by hand (imperative code) inside an element tree.</summary>
    public static WidgetElement Existing(Widget widget, string? key = null) =>
        new(widget.GetType(), () => widget, new Dictionary<string, object?>()) { Key = key ?? widget.ModelId };
}
