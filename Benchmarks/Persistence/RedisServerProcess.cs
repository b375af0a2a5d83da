using Solara.Orleans.Benchmarks.Targets;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Solara.Orleans.Benchmarks.Persistence;

/// <summary>A <c>redis-server</c> of the benchmark's own on loopback (no RDB, no AOF), which the
/// benchmark can pause (SIGSTOP: a hung Redis), resume, and kill (SIGKILL: a dead one).</summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}/0";

    /// <summary>Starts on <paramref name="port"/>, or on a free loopback port when null.</summary>
    public static async Task<RedisServerProcess> StartAsync(int? port)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install the redis-server package");
        int chosen = port ?? LoopbackPort.Free();
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["--port", $"{chosen}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--logfile", ""])
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
            $"redis-server on port {chosen} exited before it was ready (is --redis-port {chosen} taken?):{Environment.NewLine}{string.Join(Environment.NewLine, output)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return new RedisServerProcess(process, chosen);
    }

    public Task PauseAsync() => SignalAsync("STOP");

    public Task ResumeAsync() => SignalAsync("CONT");

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private async Task SignalAsync(string signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ResumeAsync();
            await KillAsync();
        }
        _process.Dispose();
    }

}
