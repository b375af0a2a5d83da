using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Gateway.Hosting;

namespace Solara.Orleans.Tests.Infrastructure;

/// <summary>The analog of Orleans' TestingHost: N silos as real child processes (<c>Silo --role silo</c>,
/// so they can be SIGKILLed or frozen) and M gateways in this process, sharing one real Redis under a
/// fresh key prefix. Waits are computed from the cluster options, never fixed sleeps.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string Secret = "test-cluster-secret-0123456789";
    public const string StateSecret = "test-state-secret-0123456789abcdef";

    private readonly RedisServerFixture _redis;
    private readonly Dictionary<string, string> _environment;
    private readonly List<TestSilo> _silos = [];
    private readonly List<TestGateway> _gateways = [];

    private TestCluster(RedisServerFixture redis, ClusterOptions options, Dictionary<string, string> environment, RespRedisConnection connection)
    {
        _redis = redis;
        Options = options;
        _environment = environment;
        Connection = connection;
        Membership = new RedisMembershipTable(connection, options.Prefix);
        Directory = new RedisGrainDirectory(connection, options.Prefix);
    }

    public ClusterOptions Options { get; }
    public RespRedisConnection Connection { get; }
    public RedisMembershipTable Membership { get; }
    public RedisGrainDirectory Directory { get; }
    public IReadOnlyList<TestSilo> Silos => _silos;
    public IReadOnlyList<TestGateway> Gateways => _gateways;

    /// <summary>The state key prefix the silos persist under.</summary>
    public string StatePrefix => Options.Prefix + "state:";

    /// <summary>A peer is declared dead within a lease plus a few heartbeats (and scheduling margin).</summary>
    public TimeSpan DeathDetectionBound => Options.Lease + Options.Heartbeat * 4 + TimeSpan.FromSeconds(3);

    public static async Task<TestCluster> StartAsync(RedisServerFixture redis, int silos, int gateways, IDictionary<string, string>? settings = null)
    {
        string prefix = RedisServerFixture.NewPrefix();
        var environment = new Dictionary<string, string>
        {
            ["SOLARA_CLUSTER_URL"] = redis.Url(),
            ["SOLARA_CLUSTER_SECRET"] = Secret,
            ["SOLARA_CLUSTER_PREFIX"] = prefix,
            ["SOLARA_CLUSTER_HEARTBEAT"] = "100ms",
            ["SOLARA_CLUSTER_LEASE"] = "1s",
            ["SOLARA_STATE_BACKEND"] = "redis",
            ["SOLARA_STATE_URL"] = redis.Url(),
            ["SOLARA_STATE_PREFIX"] = prefix + "state:",
            ["SOLARA_STATE_SECRET_KEYS"] = StateSecret,
            ["SOLARA_STATE_FLUSH_DEBOUNCE"] = "20ms",
            ["SOLARA_KERNEL_MAX_PER_SESSION"] = "0",
        };
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        ClusterOptions options = ClusterOptions.From(new SettingsSource(environment));
        var cluster = new TestCluster(redis, options, environment, redis.Connect());
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync()));
            for (int i = 0; i < gateways; i++)
                await cluster.AddGatewayAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    public async Task<TestSilo> AddSiloAsync()
    {
        int port = SiloProcess.FreePort();
        SiloProcess process = SiloProcess.Start(["--role", "silo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _environment);
        var silo = new TestSilo(process, port);
        lock (_silos)
            _silos.Add(silo);
        Task finished = await Task.WhenAny(process.Listening, process.Exited, Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != process.Listening)
            throw new InvalidOperationException($"silo on port {port} did not become active:\n{process.Output}");
        return silo;
    }

    public async Task<TestGateway> AddGatewayAsync()
    {
        int port = SiloProcess.FreePort();
        var settings = new SettingsSource(_environment);
        var options = new GatewayHostOptions([$"http://127.0.0.1:{port}"], ServerOptions.From(settings, false), KernelOptions.From(settings), Options);
        WebApplication app = await GatewayHost.BuildAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var gateway = new TestGateway(app, port);
        _gateways.Add(gateway);
        return gateway;
    }

    /// <summary>The silo whose activation the directory names for <paramref name="kernelId"/>.</summary>
    public async Task<TestSilo?> HostOfAsync(string kernelId)
    {
        GrainAddress? address = await Directory.LookupAsync(kernelId);
        return address is null ? null : _silos.FirstOrDefault(s => s.Endpoint == address.Silo.Endpoint);
    }

    /// <summary>Hard kill: SIGKILL, no cleanup; its membership row and directory entries stay until peers act.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        silo.Process.Signal("KILL");
        await silo.Process.Exited;
    }

    /// <summary>Graceful stop: SIGTERM, then waits for the process to exit.</summary>
    public async Task<int> StopSiloAsync(TestSilo silo)
    {
        silo.Process.Signal("TERM");
        return await silo.Process.Exited.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits until the membership table shows <paramref name="silo"/> Dead.</summary>
    public async Task WaitDeclaredDeadAsync(TestSilo silo)
    {
        await Eventually.TrueAsync(async () =>
        {
            MembershipSnapshot snapshot = await Membership.ReadAllAsync();
            return snapshot.Entries.Any(e => e.Silo.Endpoint == silo.Endpoint && e.Status == SiloStatus.Dead);
        }, DeathDetectionBound, $"silo {silo.Endpoint} declared dead");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (TestGateway gateway in _gateways)
        {
            await gateway.App.StopAsync();
            await gateway.App.DisposeAsync();
        }
        foreach (TestSilo silo in _silos)
            await silo.Process.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>One silo child process of a <see cref="TestCluster"/>.</summary>
public sealed record TestSilo(SiloProcess Process, int Port)
{
    public string Endpoint => $"http://127.0.0.1:{Port}";
}

/// <summary>One in-process gateway of a <see cref="TestCluster"/>.</summary>
public sealed record TestGateway(WebApplication App, int Port)
{
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string WebSocketBaseUrl => $"ws://127.0.0.1:{Port}";
}
