namespace Solara.Reactive;

/// <summary>A value derived from reactive values: computed on first read in a kernel, cached,
/// and recomputed after any reactive it read has changed. Readers re-render when it goes stale.</summary>
public sealed class Computed<T>(Func<T> compute) : IReadable<T>
{
    public T Value
    {
        get
        {
            KernelContext? context = KernelContext.Current;
            if (context is null)
                return compute();
            Node node = context.StateOf(this, static (computed, _) => computed.NewNode());
            return node.Read();
        }
    }

    private Node NewNode() => new(compute);

    private sealed class Node(Func<T> compute) : IObserver
    {
        private readonly ReactiveSlot _output = new(default(T));
        private readonly List<ReactiveSlot> _sources = [];
        private bool _stale = true;

        public T Read()
        {
            if (_stale)
                Recompute();
            return (T)_output.Read()!;
        }

        private void Recompute()
        {
            foreach (ReactiveSlot source in _sources)
                source.Unobserve(this);
            _sources.Clear();
            using (DependencyTracker.Observe(this))
                _output.Replace(compute());
            _stale = false;
        }

        public void Invalidate()
        {
            if (_stale)
                return;
            _stale = true;
            _output.NotifyObservers();
        }

        public void Track(ReactiveSlot source) => _sources.Add(source);
    }
}
