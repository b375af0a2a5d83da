namespace Solara.Rendering;

/// <summary>One hook's state in a component, kept by call order.</summary>
public interface IHookSlot
{
    string Kind { get; }

    /// <summary>The component is unmounting: release what the hook holds (effect cleanups, tasks).</summary>
    void Unmount();
}
