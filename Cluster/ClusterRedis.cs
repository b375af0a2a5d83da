using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Gateways;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Cluster;

/// <summary>The Redis-backed cluster parts for <see cref="ClusterOptions"/>: one connection (every call
/// bounded by <c>SOLARA_CLUSTER_CALL_TIMEOUT</c>) shared by the membership table, grain directory and
/// gateway registry under <c>SOLARA_CLUSTER_PREFIX</c>. No I/O until the first call.</summary>
public sealed class ClusterRedis : IAsyncDisposable
{
    private ClusterRedis(IRedisConnection connection, ClusterOptions options)
    {
        Connection = connection;
        Membership = new RedisMembershipTable(connection, options.Prefix);
        Directory = new RedisGrainDirectory(connection, options.Prefix);
        Gateways = new RedisGatewayRegistry(connection, options.Prefix, options.DefunctAfter);
    }

    public IRedisConnection Connection { get; }

    public RedisMembershipTable Membership { get; }

    public RedisGrainDirectory Directory { get; }

    public RedisGatewayRegistry Gateways { get; }

    /// <summary>Parses <c>SOLARA_CLUSTER_URL</c> (a bad URL throws naming it) and builds the parts.</summary>
    public static ClusterRedis Create(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = RedisEndpoint.Parse(options.RedisUrl, "SOLARA_CLUSTER_URL");
        return new ClusterRedis(new RespRedisConnection(endpoint, options.CallTimeout, "SOLARA_CLUSTER_CALL_TIMEOUT"), options);
    }

    /// <summary>The parts over an existing connection (tests, or a host that shares one).</summary>
    public static ClusterRedis Over(IRedisConnection connection, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        return new ClusterRedis(connection, options);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
