using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using static Solara.UI;

namespace Solara.Samples.Counter;

/// <summary>A button that counts its clicks. The count is a reactive value: one per page, and
/// setting it re-renders the component that read it.</summary>
public sealed class CounterApp : SolaraApp
{
    // Persisted under an explicit key: with a state backend the count survives failover (a no-op without one).
    private static readonly Reactive<int> Clicks = new(0, key: "samples.counter.clicks");

    public override string Name => "counter";
    public override string Title => "Counter";
    public override string Description => "A button whose label counts its clicks.";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => Button($"Clicked: {Clicks.Value}", onClick: () => Clicks.Value++);
}
