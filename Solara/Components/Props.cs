using Solara.Rendering;
using Solara.Widgets;

namespace Solara;

/// <summary>Small builders the component library shares: prop dictionaries, handlers, layouts.</summary>
internal static class Props
{
    public static Dictionary<string, object?> Of(params (string Name, object? Value)[] props)
    {
        var dictionary = new Dictionary<string, object?>(props.Length, StringComparer.Ordinal);
        foreach ((string name, object? value) in props)
            dictionary[name] = value;
        return dictionary;
    }

    public static Dictionary<string, Action<object?>> Events(params (string Name, Action<object?>? Handler)[] events)
    {
        var dictionary = new Dictionary<string, Action<object?>>(events.Length, StringComparer.Ordinal);
        foreach ((string name, Action<object?>? handler) in events)
            if (handler is not null)
                dictionary[name] = handler;
        return dictionary;
    }

    /// <summary>A layout element for the <c>layout</c> prop; only the given CSS properties are set.</summary>
    public static WidgetElement Layout(params (string Name, object? Value)[] css) =>
        WidgetElement.Of<Layout>(Of(css.Where(c => c.Value is not null).ToArray()));

    public static string[] Classes(params string?[] classes) => classes.Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).ToArray();
}
