namespace Solara.Rendering;

/// <summary>Turns plain C# functions into component elements. Calling the function directly
/// inlines it into the caller; wrapping it here gives it its own state and re-render boundary.</summary>
public static class Component
{
    public static ComponentElement Of(Func<Element> component, string? key = null) =>
        new(component, null, component) { Key = key };

    public static ComponentElement Of<TProps>(Func<TProps, Element> component, TProps props, string? key = null) =>
        new(component, props, () => component(props)) { Key = key };

    public static ComponentElement Of<T1, T2>(Func<T1, T2, Element> component, T1 a, T2 b, string? key = null) =>
        new(component, (a, b), () => component(a, b)) { Key = key };

    public static ComponentElement Of<T1, T2, T3>(Func<T1, T2, T3, Element> component, T1 a, T2 b, T3 c, string? key = null) =>
        new(component, (a, b, c), () => component(a, b, c)) { Key = key };
}
