namespace Solara.Reactive;

/// <summary>A per-kernel value that components can read and subscribe to.</summary>
public interface IReadable<out T>
{
    T Value { get; }
}
