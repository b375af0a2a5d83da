using Solara.Orleans.Benchmarks.Targets;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Gateway.Hosting;
using Solara.Orleans.Benchmarks.Persistence;

namespace Solara.Orleans.Benchmarks.Failover;

/// <summary>The failover benchmark's cluster: a redis-server, silo child processes (this program with
/// <c>failover-silo</c>, which runs the silo role with the samples) and one in-process gateway.</summary>
public sealed partial class FailoverCluster : IAsyncDisposable
{
    private readonly RedisServerProcess _redis;
    private readonly Dictionary<int, Process> _silos = [];
    private readonly Dictionary<string, string> _environment;

    private FailoverCluster(RedisServerProcess redis, Dictionary<string, string> environment, ClusterOptions options, RespRedisConnection connection, WebApplication gateway, int gatewayPort)
    {
        _redis = redis;
        _environment = environment;
        Options = options;
        Connection = connection;
        Gateway = gateway;
        GatewayWebSocketBase = $"ws://127.0.0.1:{gatewayPort}";
        Membership = new RedisMembershipTable(connection, options.Prefix);
        Directory = new RedisGrainDirectory(connection, options.Prefix);
    }

    public ClusterOptions Options { get; }
    public RespRedisConnection Connection { get; }
    public RedisMembershipTable Membership { get; }
    public RedisGrainDirectory Directory { get; }
    public WebApplication Gateway { get; }
    public string GatewayWebSocketBase { get; }
    public IReadOnlyCollection<int> SiloPorts => _silos.Keys;

    /// <summary>How many times the silos logged each restore result and breaker transition.</summary>
    public Dictionary<string, int> Outcomes { get; } = [];

    [System.Text.RegularExpressions.GeneratedRegex(@"(restore result=[a-z-]+|breaker transition=[a-z_]+)")]
    private static partial System.Text.RegularExpressions.Regex RestoreOutcome();

    public static async Task<FailoverCluster> StartAsync(IReadOnlyDictionary<string, string> settings, int silos)
    {
        RedisServerProcess redis = await RedisServerProcess.StartAsync(port: null);
        string url = redis.Url;
        var environment = new Dictionary<string, string>
        {
            ["SOLARA_CLUSTER_URL"] = url,
            ["SOLARA_CLUSTER_SECRET"] = "failover-benchmark-cluster-secret",
            ["SOLARA_STATE_BACKEND"] = "redis",
            ["SOLARA_STATE_URL"] = url,
            ["SOLARA_STATE_SECRET_KEYS"] = "failover-benchmark-state-secret-0123456789",
            ["SOLARA_SESSION_HTTP_ONLY"] = "true",
            ["SOLARA_KERNEL_MAX_PER_SESSION"] = "0",
        };
        foreach ((string key, string value) in settings)
            environment[key] = value;
        var source = new SettingsSource(environment);
        ClusterOptions options = ClusterOptions.From(source);
        var connection = new RespRedisConnection(RedisEndpoint.Parse(url), TimeSpan.FromSeconds(5));
        int gatewayPort = LoopbackPort.Free();
        WebApplication gateway = await GatewayHost.BuildAsync(
            new GatewayHostOptions([$"http://127.0.0.1:{gatewayPort}"], ServerOptions.From(source, false), KernelOptions.From(source), options),
            logging => logging.SetMinimumLevel(LogLevel.Error));
        var cluster = new FailoverCluster(redis, environment, options, connection, gateway, gatewayPort);
        for (int i = 0; i < silos; i++)
            await cluster.StartSiloAsync(LoopbackPort.Free());
        await gateway.StartAsync();
        return cluster;
    }

    public async Task StartSiloAsync(int port)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(FailoverCluster).Assembly.Location);
        info.ArgumentList.Add("failover-silo");
        info.ArgumentList.Add(port.ToString());
        foreach ((string key, string value) in _environment)
            info.Environment[key] = value;
        info.Environment["DOTNET_gcServer"] = "1"; // as the Silo executable (a web project) runs
        Process process = Process.Start(info) ?? throw new InvalidOperationException("silo did not start");
        var active = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(" active", StringComparison.Ordinal) == true)
                active.TrySetResult();
            if (e.Data is { } line && RestoreOutcome().Match(line) is { Success: true } outcome)
                lock (Outcomes)
                    Outcomes[outcome.Value] = Outcomes.GetValueOrDefault(outcome.Value) + 1;
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _silos[port] = process;
        await active.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public void KillSilo(int port)
    {
        _silos[port].Kill();
        _silos[port].WaitForExit();
        _silos.Remove(port);
    }

    public async Task<int?> HostPortOfAsync(string kernelId) =>
        await Directory.LookupAsync(kernelId) is { } address ? new Uri(address.Silo.Endpoint).Port : null;

    public async ValueTask DisposeAsync()
    {
        await Gateway.StopAsync();
        await Gateway.DisposeAsync();
        foreach (Process silo in _silos.Values)
        {
            silo.Kill();
            silo.WaitForExit();
        }
        await Connection.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
