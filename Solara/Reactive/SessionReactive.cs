using Solara.Persistence.Codecs;

namespace Solara.Reactive;

/// <summary>A reactive variable with one value per <em>session</em> (the <c>solara-session-id</c>
/// cookie): every page of the session sees it, on whichever silo its kernel lives, and a change made
/// by one page re-renders the others. Define it once, like a <see cref="Reactive{T}"/>:
/// <c>static readonly SessionReactive&lt;string&gt; Theme = new("light", key: "myapp.theme");</c>.
/// The value lives in the session grain and, with a state backend, is persisted in its storage
/// (encoded with <paramref name="serializer"/>), so it outlives every kernel of the session.</summary>
public sealed class SessionReactive<T> : IReadable<T>
{
    private readonly T _initial;

    public SessionReactive(T initial, string key, string serializer = "json")
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new ArgumentException("SessionReactive needs a key (e.g. \"myapp.theme\"): it names the value in the session's storage", nameof(key));
        if (string.IsNullOrWhiteSpace(serializer))
            throw new ArgumentException($"SessionReactive \"{key}\" needs a codec name (e.g. \"json\")", nameof(serializer));
        _initial = initial;
        Key = key;
        Serializer = serializer;
    }

    public T Initial => _initial;
    public string Key { get; }
    public string Serializer { get; }

    public T Value
    {
        get => KernelContext.Current is { } context ? (T)SlotIn(context).Read()! : _initial;
        set => Set(value);
    }

    /// <summary>The value without subscribing the current component to it.</summary>
    public T Peek => KernelContext.Current is { } context ? (T)SlotIn(context).Value! : _initial;

    /// <summary>Sets the value for the whole session. Off the kernel's turn the write is posted to the turn.</summary>
    public void Set(T value)
    {
        KernelContext context = KernelContext.Current ?? throw new InvalidOperationException(
            $"SessionReactive \"{Key}\" was set outside a kernel: set it from a component, an event handler, an effect or a UseTask body.");
        if (!context.Dispatcher.IsOnTurn)
        {
            context.Dispatcher.Post(() => Set(value));
            return;
        }
        if (SlotIn(context).Write(value))
            context.Session?.Publish(Key, Serializer, value);
    }

    public void Update(Func<T, T> change) => Set(change(Peek));

    private ReactiveSlot SlotIn(KernelContext context) => context.StateOf(this, static (reactive, context) => reactive.CreateSlot(context));

    /// <summary>The kernel's copy: starts from the session's value and follows every value the session pushes.</summary>
    private ReactiveSlot CreateSlot(KernelContext context)
    {
        if (context.Session is not { } session)
            return new ReactiveSlot(_initial);
        var slot = new ReactiveSlot(session.TryRead(Key, Serializer, out object? stored) && TryConvert(stored, out T current) ? current : _initial);
        session.Watch(Key, Serializer, pushed =>
        {
            if (TryConvert(pushed, out T value))
                slot.Write(value);
        });
        return slot;
    }

    /// <summary>A stored value that no longer fits <typeparamref name="T"/> (the type changed) is ignored.</summary>
    private static bool TryConvert(object? stored, out T value)
    {
        try
        {
            value = StateValueConversion.To<T>(stored);
            return true;
        }
        catch (StateCodecException)
        {
            value = default!;
            return false;
        }
    }

    public override string ToString() => $"SessionReactive<{typeof(T).Name}>({Key}={Peek})";
}
