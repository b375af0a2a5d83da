namespace Solara.Reactive;

/// <summary>The per-kernel value of one reactive variable and who depends on it.</summary>
public sealed class ReactiveSlot(object? value)
{
    private readonly HashSet<IObserver> _observers = [];
    private readonly List<Action<object?>> _listeners = [];

    public object? Value { get; private set; } = value;

    public int ObserverCount => _observers.Count;

    /// <summary>Reads the value; the current observer (if any) now depends on this slot.</summary>
    public object? Read()
    {
        if (DependencyTracker.Current is { } observer && _observers.Add(observer))
            observer.Track(this);
        return Value;
    }

    /// <summary>Stores a new value and notifies dependants; false (and nothing happens) when it equals the old one.</summary>
    public bool Write(object? value)
    {
        if (ValueEquality.AreEqual(Value, value))
            return false;
        Value = value;
        foreach (IObserver observer in _observers.ToArray())
            observer.Invalidate();
        foreach (Action<object?> listener in _listeners.ToArray())
            listener(value);
        return true;
    }

    /// <summary>Replaces the value without notifying anyone (a computed value refreshing its cache).</summary>
    public void Replace(object? value) => Value = value;

    /// <summary>Tells every dependant that the value is stale.</summary>
    public void NotifyObservers()
    {
        foreach (IObserver observer in _observers.ToArray())
            observer.Invalidate();
    }

    public void Unobserve(IObserver observer) => _observers.Remove(observer);

    public IDisposable Listen(Action<object?> listener)
    {
        _listeners.Add(listener);
        return new Unsubscriber(() => _listeners.Remove(listener));
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose()
        {
            _dispose?.Invoke();
            _dispose = null;
        }
    }
}
