namespace Solara.Reactive;

/// <summary>Something that read reactive values and must hear when one of them changes:
/// a rendering component or a computed value.</summary>
public interface IObserver
{
    void Invalidate();

    /// <summary>Called when this observer starts reading a source, so it can drop the subscription later.</summary>
    void Track(ReactiveSlot source);
}
