using Solara.Reactive;
using Solara.Widgets;

namespace Solara.Rendering;

/// <summary>The reconciler of one kernel: mounts an element tree as widgets, re-renders the
/// components whose state or reactive inputs changed (once per turn, parents first), and
/// updates only the traits that changed. Removed widgets are closed.</summary>
public sealed class RenderRoot(KernelContext context, Func<Exception, string, Element> errorElement) : IDisposable
{
    private const int MaxPassesPerTurn = 50;

    private readonly HashSet<ComponentNode> _dirty = [];
    private readonly List<(ComponentNode Node, Action Effect)> _effects = [];
    private readonly HashSet<Widget> _managed = new(ReferenceEqualityComparer.Instance);
    private Node? _root;

    public KernelContext Context => context;

    public Widget? Widget => _root?.Widget;

    /// <summary>Mounts <paramref name="element"/> (replacing anything mounted before) and returns its widget.</summary>
    public Widget Mount(Element element)
    {
        if (_root is not null)
            Unmount(_root);
        _root = Reconcile(null, element, null);
        RunEffects();
        Flush();
        return _root.Widget ?? throw new InvalidOperationException("the app rendered no widget");
    }

    public void MarkDirty(ComponentNode node)
    {
        if (!node.Unmounted)
            _dirty.Add(node);
    }

    /// <summary>Marks every component for re-render (hot reload).</summary>
    public void MarkAllDirty()
    {
        foreach (ComponentNode node in Walk(_root).OfType<ComponentNode>())
            MarkDirty(node);
    }

    /// <summary>Re-renders whatever became dirty, then runs effects, until nothing is dirty.</summary>
    public void Flush()
    {
        for (int pass = 0; _dirty.Count > 0; pass++)
        {
            if (pass == MaxPassesPerTurn)
                throw new InvalidOperationException($"rendering did not settle after {MaxPassesPerTurn} passes: a component or effect keeps changing state on every render ({string.Join(", ", _dirty.Select(d => d.Name).Distinct())})");
            foreach (ComponentNode node in _dirty.OrderBy(n => n.Depth).ToArray())
            {
                if (!_dirty.Remove(node) || node.Unmounted)
                    continue;
                Widget? before = node.Widget;
                Rerender(node);
                if (!ReferenceEquals(before, node.Widget))
                    RefreshHostOf(node);
            }
            RunEffects();
        }
    }

    internal void QueueEffect(ComponentNode node, Action effect) => _effects.Add((node, effect));

    private Node Reconcile(Node? old, Element element, Node? parent)
    {
        switch (old, element)
        {
            case (WidgetNode w, WidgetElement e) when w.Element.WidgetType == e.WidgetType && w.Element.Key == e.Key:
                w.Element = e;
                ApplyProps(w, e);
                return w;
            case (ComponentNode c, ComponentElement e) when c.Element.Function.Equals(e.Function) && c.Element.Key == e.Key:
                bool sameProps = ValueEquality.AreEqual(c.Element.Props, e.Props);
                c.Element = e;
                if (!sameProps || c.Dirty || _dirty.Contains(c))
                {
                    _dirty.Remove(c);
                    Rerender(c);
                }
                return c;
        }
        if (old is not null)
            Unmount(old);
        return Mount(element, parent);
    }

    private Node Mount(Element element, Node? parent)
    {
        switch (element)
        {
            case WidgetElement e:
                Widget widget = e.Create();
                _managed.Add(widget);
                var node = new WidgetNode(parent, e, widget);
                widget.ChangedByBrowser += (w, trait) => _ = Dispatch(node, trait, w.GetTrait(trait));
                widget.CustomListener = (_, content) => Dispatch(node, (string?)content["event"] ?? "", content);
                ApplyProps(node, e);
                return node;
            case ComponentElement c:
                var component = new ComponentNode(parent, c, this);
                Rerender(component);
                return component;
            default:
                throw new ArgumentException($"unknown element type {element.GetType().Name}");
        }
    }

    private static bool Dispatch(WidgetNode node, string name, object? value)
    {
        if (node.Unmounted || !node.Element.Events.TryGetValue(name, out Action<object?>? handler))
            return false;
        handler(value);
        return true;
    }

    private void ApplyProps(WidgetNode node, WidgetElement element)
    {
        foreach ((string name, object? value) in element.Props)
        {
            switch (value)
            {
                case Element child:
                    Node childNode = Reconcile(node.Children.GetValueOrDefault(name) as Node, child, node);
                    node.Children[name] = childNode;
                    node.Widget.SetTrait(name, childNode.Widget);
                    break;
                case IEnumerable<Element> children:
                    List<Node> nodes = ReconcileList(node.Children.GetValueOrDefault(name) as List<Node> ?? [], children.ToList(), node);
                    node.Children[name] = nodes;
                    node.Widget.SetTrait(name, nodes.Select(n => n.Widget).OfType<Widget>().ToArray());
                    break;
                default:
                    node.Widget.SetTrait(name, value);
                    break;
            }
        }
        if (node.Children.Count == 0)
            return; // a leaf widget (most are) has no child to drop: skip the query and its closure
        foreach (string gone in node.Children.Keys.Where(k => !element.Props.ContainsKey(k)).ToArray())
        {
            foreach (Node child in ChildrenOf(node.Children[gone]))
                Unmount(child);
            node.Children.Remove(gone);
        }
    }

    private static IEnumerable<Node> ChildrenOf(object entry) => entry is Node n ? [n] : (List<Node>)entry;

    /// <summary>Keyed children are matched by key, the others by position; what is left over unmounts.</summary>
    private List<Node> ReconcileList(List<Node> old, List<Element> elements, Node parent)
    {
        var byKey = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (Node n in old)
            if (KeyOf(n) is { } key)
                byKey.TryAdd(key, n);
        var result = new List<Node>(elements.Count);
        var used = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < elements.Count; i++)
        {
            Element element = elements[i];
            Node? match = element.Key is { } key
                ? byKey.GetValueOrDefault(key)
                : i < old.Count && KeyOf(old[i]) is null ? old[i] : null;
            if (match is not null && !used.Add(match))
                match = null;
            result.Add(Reconcile(match, element, parent));
        }
        foreach (Node n in old)
            if (!used.Contains(n) && !result.Contains(n))
                Unmount(n);
        return result;
    }

    private static string? KeyOf(Node node) => node switch
    {
        WidgetNode w => w.Element.Key,
        ComponentNode c => c.Element.Key,
        _ => null,
    };

    private void Rerender(ComponentNode node)
    {
        node.ForgetSources();
        Element rendered;
        node.Cursor = 0;
        using (DependencyTracker.Observe(node))
        using (Hooks.Rendering(node))
        {
            try
            {
                rendered = node.Element.Render();
                if (node.Rendered && node.Cursor != node.Slots.Count)
                    throw new HookException($"component {node.Name} called {node.Cursor} hooks, but {node.Slots.Count} on its earlier renders; hooks must not be called conditionally or in loops");
            }
            catch (Exception e)
            {
                rendered = errorElement(e, node.Name);
            }
        }
        node.Rendered = true;
        node.Dirty = false;
        node.Child = Reconcile(node.Child, rendered, node);
    }

    /// <summary>A component now shows a different widget: the widget that contains it must point at the new one.</summary>
    private void RefreshHostOf(Node node)
    {
        for (Node? p = node.Parent; p is not null; p = p.Parent)
        {
            if (p is WidgetNode host)
            {
                foreach ((string name, object entry) in host.Children)
                {
                    host.Widget.SetTrait(name, entry is Node single
                        ? single.Widget
                        : ((List<Node>)entry).Select(n => n.Widget).OfType<Widget>().ToArray());
                }
                return;
            }
        }
    }

    private void RunEffects()
    {
        while (_effects.Count > 0)
        {
            (ComponentNode Node, Action Effect)[] batch = [.. _effects];
            _effects.Clear();
            // Children were queued after their parents; run them first, as their parents expect.
            for (int i = batch.Length - 1; i >= 0; i--)
                if (!batch[i].Node.Unmounted)
                    batch[i].Effect();
        }
    }

    private void Unmount(Node node)
    {
        node.Unmounted = true;
        switch (node)
        {
            case ComponentNode c:
                _dirty.Remove(c);
                c.ForgetSources();
                foreach (IHookSlot slot in c.Slots)
                    slot.Unmount();
                if (c.Child is not null)
                    Unmount(c.Child);
                break;
            case WidgetNode w:
                foreach (Node child in w.AllChildren)
                    Unmount(child);
                Close(w.Widget);
                break;
        }
    }

    /// <summary>Closes a widget and the widgets it owns (its layout and style), never one another node manages.</summary>
    private void Close(Widget widget)
    {
        _managed.Remove(widget);
        foreach (Widget owned in widget.References().Where(r => !_managed.Contains(r)).ToArray())
            Close(owned);
        widget.Close();
    }

    private static IEnumerable<Node> Walk(Node? node)
    {
        if (node is null)
            yield break;
        yield return node;
        IEnumerable<Node> children = node switch
        {
            ComponentNode c => c.Child is null ? [] : [c.Child],
            WidgetNode w => w.AllChildren,
            _ => [],
        };
        foreach (Node child in children)
            foreach (Node descendant in Walk(child))
                yield return descendant;
    }

    public void Dispose()
    {
        if (_root is not null)
            Unmount(_root);
        _root = null;
    }
}
