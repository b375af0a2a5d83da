using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Apps;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Gateway.Cluster;

/// <summary>The app list of a gateway that never loads app code: asked of a live silo and refreshed
/// periodically; the last good list is kept while no silo answers.</summary>
public sealed class RemoteAppCatalog(IMembershipTable membership, SiloClient silos, ClusterOptions options, ILogger<RemoteAppCatalog> logger) : IAppCatalog
{
    private IReadOnlyList<AppDescriptor> _apps = [];

    public IReadOnlyList<AppDescriptor> Apps => Volatile.Read(ref _apps);

    public AppDescriptor? Find(string name) => Apps.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Asks one live silo for its apps; true when the list was refreshed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        MembershipSnapshot snapshot = await membership.ReadAllAsync();
        foreach (MembershipEntry silo in snapshot.Live(options.Lease).OrderBy(_ => Random.Shared.Next()))
        {
            try
            {
                if (await silos.GetJsonAsync(silo.Silo.Endpoint, "/_cluster/apps", cancellationToken) is System.Text.Json.Nodes.JsonArray list)
                {
                    Volatile.Write(ref _apps, list.Select(a => new AppDescriptor((string)a!["name"]!, (string)a["title"]!, (string?)a["description"] ?? "")).ToArray());
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                logger.LogWarning("silo {Silo} did not list its apps: {Error}", silo.Silo, e.Message);
            }
        }
        return false;
    }
}
