using Solara.Apps;
using Solara.Samples.Counter;

namespace Solara.Samples;

/// <summary>Every sample app, in gallery order.</summary>
public static class SampleApps
{
    public static IReadOnlyList<SolaraApp> All { get; } = [new CounterApp()];
}
