using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using Solara.Widgets;

namespace Solara.Samples.Counter;

/// <summary>A button that counts its clicks; the count is a reactive value, one per page.</summary>
public sealed class CounterApp : SolaraApp
{
    private static readonly Reactive<int> Clicks = new(0);

    public override string Name => "counter";
    public override string Title => "Counter";
    public override string Description => "A button whose label counts its clicks.";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() =>
        new WidgetElement(typeof(Button), () => new Button(), new Dictionary<string, object?> { ["description"] = $"Clicked: {Clicks.Value}" },
            new Dictionary<string, Action<object?>> { ["click"] = _ => Clicks.Value++ });
}
