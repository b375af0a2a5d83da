namespace Solara.Reactive;

/// <summary>Which observer is reading right now (a component rendering or a computed computing).</summary>
public static class DependencyTracker
{
    [ThreadStatic]
    private static IObserver? s_current;

    public static IObserver? Current => s_current;

    /// <summary>Makes <paramref name="observer"/> current until the returned scope is disposed.</summary>
    public static Scope Observe(IObserver? observer)
    {
        IObserver? previous = s_current;
        s_current = observer;
        return new Scope(previous);
    }

    public readonly struct Scope(IObserver? previous) : IDisposable
    {
        public void Dispose() => s_current = previous;
    }
}
