using Solara.Apps;
using Solara.Orleans.Abstractions.Apps;

namespace Solara.Orleans.Grains.Kernels;

/// <summary>The apps this silo can run, by name; also the gateway's catalog in embedded mode.</summary>
public sealed class AppRegistry : IAppCatalog
{
    private readonly Dictionary<string, SolaraApp> _apps;

    public AppRegistry(IEnumerable<SolaraApp> apps)
    {
        _apps = new Dictionary<string, SolaraApp>(StringComparer.OrdinalIgnoreCase);
        foreach (SolaraApp app in apps)
            if (!_apps.TryAdd(app.Name, app))
                throw new ArgumentException($"two apps are named '{app.Name}'; app names must be unique");
        Apps = _apps.Values.Select(a => new AppDescriptor(a.Name, a.Title, a.Description)).ToArray();
    }

    public IReadOnlyList<AppDescriptor> Apps { get; }

    public AppDescriptor? Find(string name) => Apps.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The app for a <c>run</c>: by name, else by the first path segment.</summary>
    public SolaraApp? Resolve(string? appName, string path)
    {
        if (!string.IsNullOrEmpty(appName))
            return _apps.GetValueOrDefault(appName);
        string first = path.Trim('/').Split('/')[0];
        return _apps.GetValueOrDefault(first);
    }
}
