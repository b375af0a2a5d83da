using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks.Load;

/// <summary>One browser page of the counter sample, simulated over the real WebSocket protocol:
/// connect, <c>kernel_info</c>, open <c>solara.control</c>, <c>run</c> the app, then click the button
/// and read the update — the requests the browser client makes, without a browser.</summary>
public sealed class SimulatedPage : IAsyncDisposable
{
    private readonly BenchmarkKernelClient _client;
    private readonly string _buttonId;
    private int _clicks;

    private SimulatedPage(BenchmarkKernelClient client, string buttonId, double startMilliseconds)
    {
        _client = client;
        _buttonId = buttonId;
        StartMilliseconds = startMilliseconds;
    }

    /// <summary>Kernel start: socket open requested → the app's first render received (the run's idle).</summary>
    public double StartMilliseconds { get; }

    public long FramesSent => _client.FramesSent;

    public long FramesReceived => _client.FramesReceived;

    public static async Task<SimulatedPage> OpenAsync(string baseUrl, CancellationToken cancellation)
    {
        long start = Stopwatch.GetTimestamp();
        BenchmarkKernelClient client = await BenchmarkKernelClient.ConnectAsync(baseUrl, cancellation);
        try
        {
            await client.UntilIdleAsync(await client.SendAsync("kernel_info_request", new JsonObject()), cancellation);
            string buttonId = await CounterSession.RunCounterAsync(client, cancellation);
            return new SimulatedPage(client, buttonId, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Clicks the counter and returns the milliseconds until the update with the new label
    /// arrived; the rest of the reply (up to the idle) is read before returning.</summary>
    public async Task<double> ClickAsync(CancellationToken cancellation)
    {
        string expected = $"Clicked: {++_clicks}";
        long start = Stopwatch.GetTimestamp();
        string click = await _client.SendAsync("comm_msg", CounterSession.Click(_buttonId));
        double? latency = null;
        while (true)
        {
            JupyterMessage message = await _client.ReceiveAsync(cancellation);
            if (latency is null && message.MsgType == "comm_msg" && (string?)message.Content["data"]?["state"]?["description"] == expected)
                latency = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (message.MsgType == "status" && (string?)message.ParentHeader["msg_id"] == click && (string?)message.Content["execution_state"] == "idle")
                return latency ?? throw new InvalidOperationException($"click {_clicks} ended without the update '{expected}'");
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
