using System.Diagnostics;
using System.Net;
using System.Reflection;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>A server under test run as a child process on a free loopback port: this benchmark's own
/// <c>serve</c> command, or the LiveViewJS peer under Node. Ready once <c>GET readyPath</c> answers 200;
/// killed (with its children) on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastOutput = new();

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    /// <summary>This benchmark's server with the samples in <paramref name="role"/>
    /// (<c>Benchmarks serve --role R --port N</c>), with <paramref name="environment"/> added to its settings.
    /// It runs the server garbage collector, as the Silo and Gateway executables do (web projects default
    /// to it; this console program would otherwise get the workstation collector, whose pauses are longer).</summary>
    public static Task<ServerProcess> StartSolaraAsync(string role = BenchServer.Embedded, IReadOnlyDictionary<string, string>? environment = null)
    {
        int port = LoopbackPort.Free();
        string assembly = Assembly.GetEntryAssembly()!.Location;
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["DOTNET_gcServer"] = "1" };
        return StartAsync("dotnet", [assembly, "serve", "--role", role, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], null,
            $"http://127.0.0.1:{port}", "/readyz", settings);
    }

    /// <summary>The LiveViewJS counter (<c>node --expose-gc server.js PORT</c>) in <paramref name="folder"/>.</summary>
    public static async Task<ServerProcess> StartLiveViewAsync(string folder)
    {
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            await InstallPeerAsync(folder);
        int port = LoopbackPort.Free();
        return await StartAsync("node", ["--expose-gc", "server.js", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], folder, $"http://127.0.0.1:{port}", "/_bench/memory");
    }

    /// <summary>First run: <c>npm ci</c> in the peer's folder (its lock file pins LiveViewJS 0.8.1).</summary>
    private static async Task InstallPeerAsync(string folder)
    {
        var install = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = folder, UseShellExecute = false };
        using Process npm = Process.Start(install) ?? throw new InvalidOperationException("could not start npm");
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"'npm ci' in {folder} failed with exit code {npm.ExitCode}");
    }

    private static async Task<ServerProcess> StartAsync(string file, string[] args, string? workingDirectory, string baseUrl, string readyPath,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}"), baseUrl);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
                break;
            try
            {
                if ((await http.GetAsync(baseUrl + readyPath)).StatusCode == HttpStatusCode.OK)
                    return server;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        string output = server.Output();
        await server.DisposeAsync();
        throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not answer {baseUrl}{readyPath} within 60 s; its last output:\n{output}");
    }

    public string Output()
    {
        lock (_lastOutput)
            return string.Join('\n', _lastOutput);
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            if (_lastOutput.Count > 40)
                _lastOutput.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
