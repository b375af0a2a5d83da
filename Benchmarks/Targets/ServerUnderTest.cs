using Solara.Orleans.Benchmarks.Persistence;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>The server one phase of the suite measures, reached at <see cref="BaseUrl"/>: a fresh
/// embedded server in a child process; a fresh cluster (own redis-server, one silo and one gateway,
/// each a child process; pages go through the gateway); or the running server at a <c>--target</c>
/// URL (left running on dispose). <see cref="Host"/> reads the process that holds the kernels,
/// <see cref="Gateway"/> the gateway's own process when the suite started one.</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private static readonly string ClusterSecret = "suite-benchmark-cluster-secret-" + Guid.NewGuid().ToString("N");
    private readonly IAsyncDisposable[] _owned;

    private ServerUnderTest(string baseUrl, ServerProbe host, ServerProbe? gateway, params IAsyncDisposable[] owned)
    {
        BaseUrl = baseUrl;
        Host = host;
        Gateway = gateway;
        _owned = owned;
    }

    public string BaseUrl { get; }

    public ServerProbe Host { get; }

    public ServerProbe? Gateway { get; }

    public static async Task<ServerUnderTest> StartAsync(string? target)
    {
        if (target is not null)
            return new ServerUnderTest(target, new ServerProbe(target), null);
        ServerProcess process = await ServerProcess.StartSolaraAsync();
        return new ServerUnderTest(process.BaseUrl, new ServerProbe(process.BaseUrl), null, process);
    }

    /// <summary>redis-server, then the silo (it joins the membership table), then the gateway.</summary>
    public static async Task<ServerUnderTest> StartClusterAsync()
    {
        RedisServerProcess redis = await RedisServerProcess.StartAsync(port: null);
        var environment = new Dictionary<string, string>
        {
            ["SOLARA_CLUSTER_URL"] = redis.Url,
            ["SOLARA_CLUSTER_SECRET"] = ClusterSecret,
        };
        ServerProcess? silo = null;
        try
        {
            silo = await ServerProcess.StartSolaraAsync(BenchServer.Silo, environment);
            ServerProcess gateway = await ServerProcess.StartSolaraAsync(BenchServer.Gateway, environment);
            return new ServerUnderTest(gateway.BaseUrl, new ServerProbe(silo.BaseUrl), new ServerProbe(gateway.BaseUrl), gateway, silo, redis);
        }
        catch
        {
            if (silo is not null)
                await silo.DisposeAsync();
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        Gateway?.Dispose();
        foreach (IAsyncDisposable owned in _owned)
            await owned.DisposeAsync();
    }
}
