using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Solara.Orleans.Tests.Infrastructure;

/// <summary>The embedded server as a real child process (<c>dotnet Solara.Orleans.Silo.dll</c>),
/// with its own environment; stdout and stderr are collected.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    public Task<int> Exited => _process.WaitForExitAsync().ContinueWith(_ => _process.ExitCode, TaskScheduler.Default);

    public int Id => _process.Id;

    public static SiloProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloDll());
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("SOLARA_", StringComparison.Ordinal) || k == "ASPNETCORE_URLS").ToArray())
            info.Environment.Remove(key);
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start the silo process"));
    }

    /// <summary>Completes when the server logs that it is listening.</summary>
    public Task Listening => _listening.Task;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Signal(string signal)
    {
        using Process kill = Process.Start("kill", ["-" + signal, _process.Id.ToString()]);
        kill.WaitForExit();
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
        if (line.Contains("silo", StringComparison.Ordinal) && line.Contains("active", StringComparison.Ordinal))
            _listening.TrySetResult();
    }

    private static string SiloDll()
    {
        string dir = AppContext.BaseDirectory;
        string configuration = new DirectoryInfo(dir).Parent!.Name;
        while (!File.Exists(Path.Combine(dir, "Solara.Orleans.sln")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir, "Silo", "bin", configuration, "net10.0", "Solara.Orleans.Silo.dll");
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
