using System.Runtime.CompilerServices;
using Solara.Persistence;

namespace Solara.Orleans.Tests.State;

/// <summary>Stands in for <c>Reactive&lt;T&gt;</c>: resolves its persistence key the way the real
/// constructor will (caller attributes + <see cref="CallerInfo.Capture"/>), through a chained
/// overload like the real one, and keeps a refusal instead of throwing so static initializers can
/// be inspected.</summary>
public sealed class FakeReactive<T>
{
    public FakeReactive(T initial, bool persist = true, string? key = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "")
        : this(initial, persist ? new PersistConfig("") : null, key, file, line, member)
    {
    }

    public FakeReactive(T initial, PersistConfig? config, string? key = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "")
    {
        Initial = initial;
        try
        {
            Binding = PersistKeys.Resolve(config, key, CallerInfo.Capture(typeof(FakeReactive<T>), file, line, member));
        }
        catch (PersistKeyRequiredException e)
        {
            Refusal = e;
        }
    }

    public T Initial { get; }

    public PersistBinding? Binding { get; }

    public PersistKeyRequiredException? Refusal { get; }
}
