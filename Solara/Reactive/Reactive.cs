namespace Solara.Reactive;

/// <summary>A reactive variable, defined once (typically a static field) with a value per kernel:
/// two pages never see each other's values. Components that read <see cref="Value"/> while
/// rendering re-render when it changes; setting an equal value does nothing.</summary>
public sealed class Reactive<T>(T initial) : IReadable<T>
{
    public T Initial => initial;

    public T Value
    {
        get => KernelContext.Current is { } context ? (T)SlotIn(context).Read()! : initial;
        set => Set(value);
    }

    /// <summary>The value without subscribing the current component to it.</summary>
    public T Peek => KernelContext.Current is { } context ? (T)SlotIn(context).Value! : initial;

    /// <summary>Sets the value. Off the kernel's turn (e.g. in a background task) the write is
    /// posted to the turn, so app state is only ever changed by the kernel's own thread of control.</summary>
    public void Set(T value)
    {
        KernelContext context = KernelContext.Current ?? throw new InvalidOperationException(
            "A Reactive value was set outside a kernel. Reactive values live per kernel: set them from a component, an event handler, an effect or a UseTask body.");
        if (!context.Dispatcher.IsOnTurn)
        {
            context.Dispatcher.Post(() => Set(value));
            return;
        }
        SlotIn(context).Write(value);
    }

    public void Update(Func<T, T> change) => Set(change(Peek));

    /// <summary>Calls <paramref name="listener"/> with every new value in the current kernel.</summary>
    public IDisposable Subscribe(Action<T> listener)
    {
        KernelContext context = KernelContext.Current ?? throw new InvalidOperationException("Reactive.Subscribe needs a kernel: call it from app code.");
        return SlotIn(context).Listen(v => listener((T)v!));
    }

    private ReactiveSlot SlotIn(KernelContext context) => context.StateOf(this, () => new ReactiveSlot(initial));

    public override string ToString() => $"Reactive<{typeof(T).Name}>({Peek})";
}
