using System.Runtime.CompilerServices;
using Solara.Persistence;
using Solara.Persistence.Codecs;

namespace Solara.Reactive;

/// <summary>A reactive variable, defined once (typically a static field) with a value per kernel:
/// two pages never see each other's values. Components that read <see cref="Value"/> while
/// rendering re-render when it changes; setting an equal value does nothing.
/// <para>Persistence is opt-in: <c>new Reactive&lt;int&gt;(0, key: "myapp.count")</c> (a key implies
/// persistence), <c>persist: true</c> (key derived from a static field initializer, see
/// <see cref="PersistKeys"/>) or <c>persist: new PersistConfig("myapp.area", "geo")</c>. It only has
/// an effect when the server has a state backend; the plain <c>new Reactive&lt;T&gt;(initial)</c>
/// captures nothing.</para></summary>
public sealed class Reactive<T> : IReadable<T>
{
    private readonly T _initial;

    public Reactive(T initial) => _initial = initial;

    /// <summary>Persisted when <paramref name="persist"/> is true, under <paramref name="key"/> or a derived key.</summary>
    public Reactive(T initial, bool persist, string? key = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "")
        : this(initial, persist ? Bind(new PersistConfig(""), key, file, line, member) : null)
    {
        if (!persist && key is not null)
            throw new ArgumentException($"Reactive at {file}:{line} has key \"{key}\" but persist: false; a key means persisted, so drop persist: false (or the key)", nameof(persist));
    }

    /// <summary>Persisted under <paramref name="key"/> with the json codec.</summary>
    public Reactive(T initial, string key,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "")
        : this(initial, Bind(new PersistConfig(""), key, file, line, member))
    {
    }

    /// <summary>Persisted as <paramref name="persist"/> says; an explicit <paramref name="key"/> wins over its key.</summary>
    public Reactive(T initial, PersistConfig persist, string? key = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "")
        : this(initial, Bind(persist ?? throw new ArgumentNullException(nameof(persist)), key, file, line, member))
    {
    }

    private Reactive(T initial, (PersistBinding Binding, CallerInfo Site)? persist)
    {
        _initial = initial;
        if (persist is not { } p)
            return;
        Persist = p.Binding;
        PersistRegistry.Register(p.Binding, p.Site, this);
    }

    /// <summary>Resolves the key; the stack walk skips every frame of this type, so it finds the defining code.</summary>
    private static (PersistBinding, CallerInfo) Bind(PersistConfig config, string? key, string file, int line, string member)
    {
        CallerInfo site = CallerInfo.Capture(typeof(Reactive<T>), file, line, member);
        return (PersistKeys.Resolve(config, key, site), site);
    }

    public T Initial => _initial;

    /// <summary>How this value is persisted; null when it is not.</summary>
    public PersistBinding? Persist { get; }

    public T Value
    {
        get => KernelContext.Current is { } context ? (T)SlotIn(context).Read()! : _initial;
        set => Set(value);
    }

    /// <summary>The value without subscribing the current component to it.</summary>
    public T Peek => KernelContext.Current is { } context ? (T)SlotIn(context).Value! : _initial;

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

    private ReactiveSlot SlotIn(KernelContext context) => context.StateOf(this, static (reactive, context) => reactive.CreateSlot(context));

    /// <summary>The kernel's slot: for a persisted value with a state backend, it starts from the
    /// restored value (when there is one that fits <typeparamref name="T"/>) and reports its changes.</summary>
    private ReactiveSlot CreateSlot(KernelContext context)
    {
        if (Persist is not { } binding || context.Persistence is not { } persistence)
            return new ReactiveSlot(_initial);
        object? start = _initial;
        if (persistence.TakeRestored(binding.Key, out object? restored))
        {
            try
            {
                start = StateValueConversion.To<T>(restored);
            }
            catch (StateCodecException e)
            {
                persistence.RestoreDidNotFit(binding, e);
            }
        }
        var slot = new ReactiveSlot(start);
        persistence.Track(binding, slot);
        return slot;
    }

    public override string ToString() => $"Reactive<{typeof(T).Name}>({Peek})";
}
