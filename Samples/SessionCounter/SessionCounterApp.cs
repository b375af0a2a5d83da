using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using static Solara.UI;

namespace Solara.Samples.SessionCounter;

/// <summary>One count shared by every tab of a browser session: a <see cref="SessionReactive{T}"/>
/// lives in the session, so a click in one tab re-renders the others, wherever their kernels run.</summary>
public sealed class SessionCounterApp : SolaraApp
{
    private static readonly SessionReactive<int> Clicks = new(0, key: "samples.session-counter.clicks");

    public override string Name => "session-counter";
    public override string Title => "Session counter";
    public override string Description => "One count shared by every tab of your session: click in one tab, the others follow.";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => Button($"Clicked in this session: {Clicks.Value}", onClick: () => Clicks.Value++);
}
