namespace Solara.Routing;

/// <summary>Routes under a base path; equal when they describe the same pages.</summary>
public sealed record RouteTable(string BasePath, IReadOnlyList<Route> Routes)
{
    public Route? Match(string location)
    {
        string relative = Relative(location);
        return Routes.FirstOrDefault(r => Normalize(r.Path) == relative);
    }

    public string Relative(string location)
    {
        string basePath = BasePath.TrimEnd('/');
        string path = location.Split('?', '#')[0];
        bool under = path.StartsWith(basePath, StringComparison.Ordinal)
            && (path.Length == basePath.Length || path[basePath.Length] == '/');
        if (!under)
            return path;
        return Normalize(path[basePath.Length..]);
    }

    public string Href(Route route) => BasePath.TrimEnd('/') + (Normalize(route.Path) == "/" ? "" : Normalize(route.Path));

    private static string Normalize(string path) => "/" + path.Trim('/');

    public bool Equals(RouteTable? other) =>
        other is not null && BasePath == other.BasePath && Routes.SequenceEqual(other.Routes);

    public override int GetHashCode() => HashCode.Combine(BasePath, Routes.Count);
}
