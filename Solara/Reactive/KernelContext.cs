using System.Collections.Concurrent;
using Solara.Persistence;

namespace Solara.Reactive;

/// <summary>The SDK's view of one kernel: where its reactive values live and how to get onto its
/// turn. <see cref="Current"/> flows with the kernel's turns and into tasks they start.</summary>
public sealed class KernelContext : IDisposable
{
    private static readonly AsyncLocal<KernelContext?> s_current = new();
    private static readonly ConcurrentDictionary<KernelContext, byte> s_live = new();

    private readonly Dictionary<object, object> _values = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _closing = new();

    public KernelContext(string kernelId, string sessionId, IKernelDispatcher dispatcher, bool production)
    {
        KernelId = kernelId;
        SessionId = sessionId;
        Dispatcher = dispatcher;
        Production = production;
        Closing = _closing.Token;
        s_live.TryAdd(this, 0);
    }

    public static KernelContext? Current => s_current.Value;

    /// <summary>Every kernel context not yet disposed in this process (hot reload re-renders them all).</summary>
    public static IEnumerable<KernelContext> Live => s_live.Keys;

    public string KernelId { get; }
    public string SessionId { get; }
    public IKernelDispatcher Dispatcher { get; }
    public bool Production { get; }

    /// <summary>Cancelled when the kernel closes; still readable after the context is disposed.</summary>
    public CancellationToken Closing { get; }

    /// <summary>Runs after every turn's work, before widgets are flushed (the render pass).</summary>
    public event Action? EndOfTurn;

    /// <summary>Raised by hot reload: everything rendered must render again.</summary>
    public event Action? ReloadRequested;

    /// <summary>Makes this context current for the calling flow (the kernel's turn loop, or a test).</summary>
    public void Enter() => s_current.Value = this;

    public static void Exit() => s_current.Value = null;

    /// <summary>The per-kernel state of <paramref name="owner"/> (a reactive or computed definition), created on
    /// first use. <paramref name="create"/> gets the owner and this context, so callers pass a static lambda
    /// (every read of a reactive value comes through here; a capturing lambda would allocate on each).</summary>
    public TState StateOf<TOwner, TState>(TOwner owner, Func<TOwner, KernelContext, TState> create)
        where TOwner : class
        where TState : class
    {
        lock (_values)
        {
            if (_values.TryGetValue(owner, out object? existing))
                return (TState)existing;
            TState created = create(owner, this);
            _values[owner] = created;
            return created;
        }
    }

    /// <summary>Set by the kernel when the server has a state backend: where persisted values restore from and report changes to.</summary>
    public IKernelPersistence? Persistence { get; set; }

    /// <summary>Set by the kernel: the values shared by every kernel of its session (<see cref="SessionReactive{T}"/>).</summary>
    public ISessionValues? Session { get; set; }

    /// <summary>Set by the kernel: tells the page to show <c>path</c> in its address bar.</summary>
    public Action<string>? Navigator { get; set; }

    public void Navigate(string path) => Navigator?.Invoke(path);

    public void RunEndOfTurn() => EndOfTurn?.Invoke();

    public void RequestReload() => ReloadRequested?.Invoke();

    public void Dispose()
    {
        s_live.TryRemove(this, out _);
        _closing.Cancel();
        _closing.Dispose();
    }
}
