using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Tests.Cluster;

/// <summary><c>deploy/local-cluster.sh</c> driven from a test: redis, <see cref="Silos"/> silos,
/// <see cref="Gateways"/> gateways and nginx as real processes on free loopback ports, with their
/// own run directory (pid files, logs, generated secrets), brought <c>down</c> on dispose. It runs
/// the dlls of the configuration the tests were built with and never builds them itself.</summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const int Silos = 2;
    public const int Gateways = 2;
    private const int PortCount = 1 + Silos + Gateways + 1;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly string _script;
    private readonly int _basePort;
    private readonly string _configuration;

    private LocalCluster(string repositoryRoot, string runDirectory, int basePort, string configuration)
    {
        _script = Path.Combine(repositoryRoot, "deploy", "local-cluster.sh");
        RunDirectory = runDirectory;
        _basePort = basePort;
        _configuration = configuration;
    }

    /// <summary>The run directory: <c>env</c>, <c>*.pid</c>, <c>logs/*.log</c>.</summary>
    public string RunDirectory { get; }

    /// <summary>nginx, round-robin over the gateways: what a browser opens.</summary>
    public string BaseUrl => $"http://127.0.0.1:{_basePort + Silos + Gateways + 1}";

    public string RedisUrl => $"redis://127.0.0.1:{_basePort}/0";

    /// <summary>The URL silo <paramref name="n"/> (1-based) listens on and advertises.</summary>
    public string SiloUrl(int n) => $"http://127.0.0.1:{_basePort + n}";

    public string GatewayUrl(int n) => $"http://127.0.0.1:{_basePort + Silos + n}";

    /// <summary>Runs <c>up</c> on free ports in a fresh run directory; the script waits until every part is ready.</summary>
    public static async Task<LocalCluster> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        LocalCluster cluster = Create(settings);
        try
        {
            await cluster.UpAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A cluster on free ports that is not started yet. With <paramref name="settings"/> the run
    /// directory's <c>env</c> file is written here (the secrets the script would generate, then these
    /// settings); without, the first <c>up</c> generates it.</summary>
    public static LocalCluster Create(IReadOnlyDictionary<string, string>? settings = null)
    {
        string runDirectory = Path.Combine(Path.GetTempPath(), $"solara-local-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(runDirectory);
        if (settings is not null)
        {
            var env = new Dictionary<string, string>
            {
                ["SOLARA_CLUSTER_SECRET"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                ["SOLARA_STATE_SECRET_KEYS"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                ["SOLARA_STATE_BACKEND"] = "redis",
            };
            foreach ((string name, string value) in settings)
                env[name] = value;
            File.WriteAllLines(Path.Combine(runDirectory, "env"), env.Select(setting => $"{setting.Key}={setting.Value}"));
        }
        return new LocalCluster(RepositoryRoot(), runDirectory, FreePortRange(PortCount), BuildConfiguration());
    }

    /// <summary><c>up</c>: starts whatever part is not running and waits until it is ready.</summary>
    public Task<string> UpAsync() => RunAsync("up");

    /// <summary><c>kill-silo N</c>: SIGKILL, returns once the process is gone.</summary>
    public Task<string> KillSiloAsync(int n) => RunAsync("kill-silo", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary><c>status</c>: one line per part (exit code 1 when a part is not ready, which is not an error here).</summary>
    public Task<string> StatusAsync() => RunAsync("status", allowFailure: true);

    /// <summary>A setting of the run directory's <c>env</c> file (written by the first <c>up</c>).</summary>
    public string Setting(string name) =>
        File.ReadLines(Path.Combine(RunDirectory, "env"))
            .Where(line => line.StartsWith(name + "=", StringComparison.Ordinal))
            .Select(line => line[(name.Length + 1)..])
            .LastOrDefault() ?? throw new InvalidOperationException($"{name} is not in {RunDirectory}/env");

    public RespRedisConnection ConnectRedis() => new(RedisEndpoint.Parse(RedisUrl), TimeSpan.FromSeconds(5));

    /// <summary>Every part's log, to explain a failure.</summary>
    public string Logs()
    {
        string logs = Path.Combine(RunDirectory, "logs");
        if (!Directory.Exists(logs))
            return "(no logs)";
        var text = new StringBuilder();
        foreach (string file in Directory.GetFiles(logs, "*.log").Order(StringComparer.Ordinal))
        {
            string[] lines = File.ReadAllLines(file);
            text.AppendLine($"==> {Path.GetFileName(file)} (last 40 of {lines.Length} lines)");
            foreach (string line in lines.TakeLast(40))
                text.AppendLine(line);
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("down");
        }
        finally
        {
            if (Directory.Exists(RunDirectory))
                Directory.Delete(RunDirectory, recursive: true);
        }
    }

    private async Task<string> RunAsync(string command, string? argument = null, bool allowFailure = false)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_script);
        start.ArgumentList.Add(command);
        if (argument is not null)
            start.ArgumentList.Add(argument);
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("SOLARA_", StringComparison.Ordinal) || k == "ASPNETCORE_URLS").ToArray())
            start.Environment.Remove(key);
        start.Environment["SOLARA_LOCAL_CLUSTER_DIR"] = RunDirectory;
        start.Environment["SOLARA_LOCAL_CLUSTER_BASE_PORT"] = _basePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SOLARA_LOCAL_CLUSTER_CONFIGURATION"] = _configuration;
        start.Environment["SOLARA_LOCAL_CLUSTER_BUILD"] = "never";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {command} did not finish within {CommandTimeout}.\n{Logs()}");
        }
        string output = await stdout + await stderr;
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"local-cluster.sh {command} {argument} exited with {process.ExitCode}:\n{output}\n{Logs()}");
        return output;
    }

    /// <summary><paramref name="count"/> consecutive free loopback ports (a random start, a few tries), below the
    /// kernel's ephemeral range: ports in it are handed out at any moment to other tests' outgoing connections
    /// and port-0 listeners, which once took one between this check and the script binding it.</summary>
    private static int FreePortRange(int count)
    {
        int ephemeralStart = EphemeralPortRangeStart();
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int first = Random.Shared.Next(10_000, ephemeralStart - count);
            if (Enumerable.Range(first, count).All(IsFree))
                return first;
        }
        throw new InvalidOperationException($"found no {count} consecutive free loopback ports");
    }

    private static int EphemeralPortRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out int start) && start > 11_000
            ? start
            : 32_768;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Debug or Release: the configuration of this test assembly (bin/{configuration}/net10.0/).</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string RepositoryRoot()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Solara.Orleans.sln")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        return dir;
    }
}
