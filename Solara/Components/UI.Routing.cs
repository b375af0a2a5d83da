using Solara.Rendering;
using Solara.Routing;

namespace Solara;

public static partial class UI
{
    /// <summary>A link to another page of this app: the page changes without reloading, and back/forward work.</summary>
    public static Element Link(string path, string label, string? key = null) =>
        Html($"<a class=\"solara-link\" href=\"{Escape(path)}\">{Escape(label)}</a>", key);

    /// <summary>Renders the route matching the current path under <paramref name="basePath"/>
    /// (e.g. <c>/todo</c>), or a not-found message.</summary>
    public static Element Routes(string basePath, params Route[] routes) =>
        Component.Of(RenderRoute, new RouteTable(basePath, routes));

    private static Element RenderRoute(RouteTable table)
    {
        string location = Router.Location.Value;
        Route? route = table.Match(location);
        return route is null
            ? Column(Error($"Page not found: {location}"), Link(table.BasePath, "Back to the start"))
            : Component.Of(route.Render, key: route.Path);
    }
}
