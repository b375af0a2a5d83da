using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>A widget host that records which traits were sent to the browser.</summary>
public sealed class RecordingHost : IWidgetHost
{
    public List<(Widget Widget, string Trait)> Changes { get; } = [];

    public void TraitChanged(Widget widget, string trait) => Changes.Add((widget, trait));

    public void Close(Widget widget)
    {
    }

    public static RecordingHost Attach(Widget widget)
    {
        var host = new RecordingHost();
        widget.Host = host;
        return host;
    }
}
