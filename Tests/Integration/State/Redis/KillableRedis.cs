using System.Diagnostics;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Integration.State.Redis;

/// <summary>A <c>redis-server</c> of one test's own, so the test can SIGKILL it, restart it on the
/// same port, or change its memory limits without touching the shared fixture. It writes an
/// append-only file fsynced on every write, so a restart after SIGKILL comes back with its data,
/// as a production Redis with AOF does.</summary>
public sealed class KillableRedis : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("solara-redis-").FullName;
    private Process? _process;

    private KillableRedis(int port) => Port = port;

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}/0";

    private string UnixSocket => Path.Combine(_directory, "redis.sock");

    public static async Task<KillableRedis> StartAsync()
    {
        var redis = new KillableRedis(SiloProcess.FreePort());
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts the server again on the same port, reloading its append-only file.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException($"redis-server on port {Port} is still running");
        _process?.Dispose();
        _process = await RedisServerFixture.StartAsync(Port, UnixSocket, "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always");
    }

    /// <summary>SIGKILL, as a crash or an OOM kill: no shutdown, open connections reset.</summary>
    public async Task KillAsync()
    {
        Process process = _process ?? throw new InvalidOperationException("redis-server was never started");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>A short-lived connection for arranging and inspecting the test.</summary>
    public async Task<RedisReply> CommandAsync(string command, params object[] arguments)
    {
        await using var admin = new RespRedisConnection(RedisEndpoint.Parse(Url), TimeSpan.FromSeconds(10));
        return await admin.CommandAsync(CancellationToken.None, command, arguments);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
            await KillAsync();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
