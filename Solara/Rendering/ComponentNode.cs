using Solara.Reactive;
using Solara.Widgets;

namespace Solara.Rendering;

/// <summary>A mounted component: its hook slots, the reactive values it read, and what it rendered.</summary>
public sealed class ComponentNode(Node? parent, ComponentElement element, RenderRoot root) : Node(parent), IObserver
{
    private readonly List<ReactiveSlot> _sources = [];

    public ComponentElement Element { get; set; } = element;
    public RenderRoot Root => root;
    public Node? Child { get; set; }
    public override Widget? Widget => Child?.Widget;
    public string Name => Element.Name;

    public List<IHookSlot> Slots { get; } = [];
    public int Cursor { get; set; }
    public bool Rendered { get; set; }
    public bool Dirty { get; set; }

    public void Invalidate() => root.MarkDirty(this);

    public void Track(ReactiveSlot source) => _sources.Add(source);

    public void ForgetSources()
    {
        foreach (ReactiveSlot source in _sources)
            source.Unobserve(this);
        _sources.Clear();
    }
}
