using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Cluster.Redis;

/// <summary>Opens the connection to the cluster's Redis (<c>SOLARA_CLUSTER_URL</c>) and proves it with a
/// <c>PING</c>, so a wrong URL or credential refuses start-up naming the setting instead of hanging.</summary>
public static class ClusterRedisConnection
{
    public static async Task<RespRedisConnection> OpenAsync(ClusterOptions options)
    {
        RedisEndpoint endpoint;
        try
        {
            endpoint = RedisEndpoint.Parse(options.RedisUrl, "SOLARA_CLUSTER_URL");
        }
        catch (RedisUrlException e)
        {
            throw new SettingsException("SOLARA_CLUSTER_URL", e.Message);
        }
        var connection = new RespRedisConnection(endpoint, options.CallTimeout, "SOLARA_CLUSTER_CALL_TIMEOUT");
        try
        {
            await connection.CommandAsync(CancellationToken.None, "PING");
        }
        catch (Exception e) when (e is RedisCallException or TimeoutException or IOException)
        {
            await connection.DisposeAsync();
            throw new SettingsException("SOLARA_CLUSTER_URL",
                $"SOLARA_CLUSTER_URL: Redis at {endpoint} did not accept a connection ({e.Message}); check the host, port, database, user and password");
        }
        return connection;
    }
}
