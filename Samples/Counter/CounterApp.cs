using Solara.Apps;
using Solara.Widgets;

namespace Solara.Samples.Counter;

/// <summary>A button that counts its clicks. Built imperatively until the component model lands.</summary>
public sealed class CounterApp : SolaraApp
{
    public override string Name => "counter";
    public override string Title => "Counter";
    public override string Description => "A button whose label counts its clicks.";

    public override Widget Render(RenderContext context)
    {
        int clicks = 0;
        var button = new Button("Clicked: 0");
        button.OnClick(() => button.Description = $"Clicked: {++clicks}");
        return new VBox(button);
    }
}
