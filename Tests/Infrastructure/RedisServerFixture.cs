using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State.Redis;

namespace Solara.Orleans.Tests.Infrastructure;

/// <summary>A real <c>redis-server</c> on a free loopback port, without persistence, shared by the
/// <see cref="RedisCollection"/> and killed afterwards. Tests isolate themselves by key prefix
/// (<see cref="NewPrefix"/>), not by server.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private Process? _process;
    private RespRedisConnection? _admin;

    public int Port { get; private set; }

    /// <summary>The server also listens on this unix socket.</summary>
    public string UnixSocket => Path.Combine(Path.GetTempPath(), $"solara-redis-{Port}.sock");

    /// <summary>The server's URL, optionally with credentials and a database number.</summary>
    public string Url(string? userInfo = null, int database = 0) =>
        $"redis://{(userInfo is null ? "" : userInfo + "@")}127.0.0.1:{Port}/{database}";

    /// <summary>A connection for arranging and inspecting tests (database 0, generous timeout).</summary>
    public RespRedisConnection Admin => _admin ?? throw new InvalidOperationException("the Redis fixture has not started");

    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";

    /// <summary>A connection to <paramref name="url"/> (default: this server, database 0).</summary>
    public RespRedisConnection Connect(string? url = null, TimeSpan? timeout = null) =>
        new(RedisEndpoint.Parse(url ?? Url()), timeout ?? TimeSpan.FromSeconds(10));

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install the redis-server package (.ci/run does)");
        for (int attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                _process = await StartAsync(Port, UnixSocket);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The free port was taken between probing and binding: try another.
            }
        }
        _admin = Connect();
        RedisReply pong = await _admin.CommandAsync(CancellationToken.None, "PING");
        Assert.Equal("PONG", pong.Text);
    }

    public async Task DisposeAsync()
    {
        if (_admin is not null)
            await _admin.DisposeAsync();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        File.Delete(UnixSocket);
    }

    /// <summary>Starts a <c>redis-server</c> on <paramref name="port"/> and waits until it is ready;
    /// <paramref name="extra"/> arguments override the defaults (later ones win).</summary>
    internal static async Task<Process> StartAsync(int port, string unixSocket, params string[] extra)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--logfile", "", "--unixsocket", unixSocket, "--unixsocketperm", "700", .. extra])
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            output.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
                ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"redis-server on port {port} exited before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, output)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
            return process;
        }
        catch
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>Every test class that needs the shared <c>redis-server</c>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
