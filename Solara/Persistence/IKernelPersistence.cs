using Solara.Reactive;

namespace Solara.Persistence;

/// <summary>A kernel's persistence, as persisted reactive values see it (set on
/// <see cref="KernelContext.Persistence"/> only when the server has a state backend).</summary>
public interface IKernelPersistence
{
    /// <summary>The kernel's fencing epoch (<see cref="SolaraState.Generation"/>); null when it owns no state.</summary>
    long? Generation { get; }

    /// <summary>Hands over the value restored for <paramref name="key"/> (once); false when none was restored.</summary>
    bool TakeRestored(string key, out object? value);

    /// <summary>The restored value of <paramref name="binding"/> does not fit its declared type: the initial value is used.</summary>
    void RestoreDidNotFit(PersistBinding binding, Exception error);

    /// <summary>Starts persisting <paramref name="slot"/>: each change marks its key dirty.</summary>
    void Track(PersistBinding binding, ReactiveSlot slot);
}
