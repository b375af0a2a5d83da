namespace Solara.Rendering;

/// <summary>A call to a component: a function returning an element, with its props. The component
/// keeps its state (hooks) across renders while the same function stays at the same place.</summary>
public sealed class ComponentElement : Element
{
    public ComponentElement(Delegate function, object? props, Func<Element> render)
    {
        Function = function;
        Props = props;
        Render = render;
    }

    /// <summary>Identifies the component; use method groups (not lambdas that capture) so it stays equal across renders.</summary>
    public Delegate Function { get; }
    public object? Props { get; }
    public Func<Element> Render { get; }

    public string Name => Function.Method.DeclaringType is { } type ? $"{type.Name}.{Function.Method.Name}" : Function.Method.Name;
}
