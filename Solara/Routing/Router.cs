using Solara.Reactive;

namespace Solara.Routing;

/// <summary>The page's URL path, per kernel. Reading <see cref="Location"/> in a component
/// re-renders it on navigation; <see cref="Navigate"/> also updates the browser's address bar.</summary>
public static class Router
{
    /// <summary>The full path of the page (e.g. <c>/todo/done</c>), as the browser shows it.</summary>
    public static Reactive<string> Location { get; } = new("/");

    public static void Navigate(string path)
    {
        Location.Value = path;
        KernelContext.Current?.Navigate(path);
    }
}
