using Solara.Reactive;

namespace Solara.Rendering;

/// <summary>The hooks a component may call while it renders, always in the same order.</summary>
public static class Hooks
{
    [ThreadStatic]
    private static ComponentNode? s_rendering;

    internal static RenderingScope Rendering(ComponentNode node)
    {
        ComponentNode? previous = s_rendering;
        s_rendering = node;
        return new RenderingScope(previous);
    }

    internal readonly struct RenderingScope(ComponentNode? previous) : IDisposable
    {
        public void Dispose() => s_rendering = previous;
    }

    /// <summary>State kept by this component across renders; setting a different value re-renders it.</summary>
    public static (T Value, Action<T> Set) UseState<T>(T initial)
    {
        StateSlot<T> slot = Slot(nameof(UseState), node => new StateSlot<T>(node, initial));
        return (slot.Value, slot.Setter);
    }

    /// <summary>Like <see cref="UseState{T}"/>, with a setter that computes the new value from the current one.</summary>
    public static (T Value, Action<Func<T, T>> Update) UseReducer<T>(T initial)
    {
        StateSlot<T> slot = Slot(nameof(UseReducer), node => new StateSlot<T>(node, initial));
        return (slot.Value, slot.Updater);
    }

    /// <summary>A value computed once and recomputed only when a dependency changes.</summary>
    public static T UseMemo<T>(Func<T> compute, object?[] dependencies)
    {
        MemoSlot<T> slot = Slot(nameof(UseMemo), _ => new MemoSlot<T>());
        if (!slot.Computed || !ValueEquality.AreEqual(slot.Dependencies, dependencies))
        {
            slot.Value = compute();
            slot.Dependencies = dependencies;
            slot.Computed = true;
        }
        return slot.Value!;
    }

    /// <summary>Runs <paramref name="effect"/> after the render is applied: on mount, and again when a
    /// dependency changes (every render when <paramref name="dependencies"/> is null). The returned
    /// action, if any, cleans up before the next run and on unmount.</summary>
    public static void UseEffect(Func<Action?> effect, object?[]? dependencies)
    {
        ComponentNode node = Current(nameof(UseEffect));
        EffectSlot slot = Slot(nameof(UseEffect), _ => new EffectSlot());
        if (slot.Ran && dependencies is not null && ValueEquality.AreEqual(slot.Dependencies, dependencies))
            return;
        slot.Dependencies = dependencies;
        slot.Ran = true;
        node.Root.QueueEffect(node, () => slot.Run(effect));
    }

    public static void UseEffect(Action effect, object?[]? dependencies) =>
        UseEffect(() =>
        {
            effect();
            return null;
        }, dependencies);

    /// <summary>A mutable box kept across renders; changing it does not re-render.</summary>
    public static Ref<T> UseRef<T>(T initial) => Slot(nameof(UseRef), _ => new RefSlot<T>(initial)).Ref;

    /// <summary>Runs <paramref name="work"/> off the kernel's turn (started after the render, restarted
    /// when a dependency changes, cancelled on unmount or when the kernel closes). Progress and the
    /// result are posted back into the kernel's turn and re-render this component.</summary>
    public static TaskState<T> UseTask<T>(Func<TaskContext, Task<T>> work, object?[] dependencies)
    {
        ComponentNode node = Current(nameof(UseTask));
        TaskSlot<T> slot = Slot(nameof(UseTask), n => new TaskSlot<T>(n));
        if (!slot.Started || !ValueEquality.AreEqual(slot.Dependencies, dependencies))
        {
            slot.Dependencies = dependencies;
            slot.Started = true;
            slot.MarkPending();
            node.Root.QueueEffect(node, () => slot.Start(work));
        }
        return slot.State;
    }

    private static ComponentNode Current(string hook) =>
        s_rendering ?? throw new HookException(
            $"{hook} was called outside a component render. Hooks only work in the body of a component while it renders (not in event handlers, effects or tasks), and the component must be rendered through Component.Of(...).");

    private static TSlot Slot<TSlot>(string hook, Func<ComponentNode, TSlot> create) where TSlot : class, IHookSlot
    {
        ComponentNode node = Current(hook);
        int index = node.Cursor++;
        if (index < node.Slots.Count)
        {
            return node.Slots[index] as TSlot ?? throw new HookException(
                $"component {node.Name} called {hook} as hook #{index + 1}, but hook #{index + 1} was {node.Slots[index].Kind} on its earlier renders; hooks must not be called conditionally or in loops");
        }
        if (node.Rendered)
            throw new HookException($"component {node.Name} called {hook} as hook #{index + 1}, but it called only {node.Slots.Count} hooks on its earlier renders; hooks must not be called conditionally or in loops");
        TSlot slot = create(node);
        node.Slots.Add(slot);
        return slot;
    }
}
