using Solara.Apps;
using Solara.Samples.Counter;
using Solara.Samples.Explorer;
using Solara.Samples.LongTask;
using Solara.Samples.SessionCounter;
using Solara.Samples.Todo;

namespace Solara.Samples;

/// <summary>Every sample app, in gallery order.</summary>
public static class SampleApps
{
    public static IReadOnlyList<SolaraApp> All { get; } = [new CounterApp(), new TodoApp(), new ExplorerApp(), new LongTaskApp(), new SessionCounterApp()];
}
