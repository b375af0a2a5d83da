namespace Solara.Widgets;

/// <summary>The kernel side of a widget: opens its comm and sends its changed traits at the end
/// of the current turn (one update per widget per turn).</summary>
public interface IWidgetHost
{
    void TraitChanged(Widget widget, string trait);

    /// <summary>Closes the widget's comm (after this turn's updates are sent).</summary>
    void Close(Widget widget);
}
