namespace Solara.Rendering;

internal sealed class StateSlot<T> : IHookSlot
{
    public StateSlot(ComponentNode node, T initial)
    {
        Value = initial;
        Setter = value => Dispatch(node, _ => value);
        Updater = change => Dispatch(node, change);
    }

    public string Kind => "UseState";
    public T Value { get; private set; }
    public Action<T> Setter { get; }
    public Action<Func<T, T>> Updater { get; }

    private void Dispatch(ComponentNode node, Func<T, T> change)
    {
        var dispatcher = node.Root.Context.Dispatcher;
        if (!dispatcher.IsOnTurn)
        {
            dispatcher.Post(() => Dispatch(node, change));
            return;
        }
        T next = change(Value);
        if (Reactive.ValueEquality.AreEqual(Value, next))
            return;
        Value = next;
        node.Root.MarkDirty(node);
    }

    public void Unmount()
    {
    }
}

internal sealed class MemoSlot<T> : IHookSlot
{
    public string Kind => "UseMemo";
    public bool Computed { get; set; }
    public T? Value { get; set; }
    public object?[]? Dependencies { get; set; }

    public void Unmount()
    {
    }
}

internal sealed class RefSlot<T>(T initial) : IHookSlot
{
    public string Kind => "UseRef";
    public Ref<T> Ref { get; } = new(initial);

    public void Unmount()
    {
    }
}

internal sealed class EffectSlot : IHookSlot
{
    private Action? _cleanup;

    public string Kind => "UseEffect";
    public bool Ran { get; set; }
    public object?[]? Dependencies { get; set; }

    public void Run(Func<Action?> effect)
    {
        Action? cleanup = _cleanup;
        _cleanup = null;
        cleanup?.Invoke();
        _cleanup = effect();
    }

    public void Unmount()
    {
        Action? cleanup = _cleanup;
        _cleanup = null;
        cleanup?.Invoke();
    }
}
