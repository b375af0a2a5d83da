namespace Solara.Rendering;

/// <summary>A mutable box that survives re-renders.</summary>
public sealed class Ref<T>(T initial)
{
    public T Value { get; set; } = initial;
}
