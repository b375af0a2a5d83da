using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Browser;

/// <summary>A load generator for dashboard tests: raw protocol clients, each in its own session and kernel,
/// clicking the counter one click after another until disposed.</summary>
public sealed class CounterLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<RawKernelClient> _clients = [];
    private readonly List<Task> _loops = [];
    private long _clicks;

    public long Clicks => Interlocked.Read(ref _clicks);

    public IReadOnlyList<string> KernelIds => [.. _clients.Select(c => c.KernelId)];

    public static Task<CounterLoad> StartAsync(TestServer server, int clients) => StartAsync(server.WebSocketBaseUrl, clients);

    /// <summary>The same load through any gateway (a cluster's, too).</summary>
    public static async Task<CounterLoad> StartAsync(string webSocketBaseUrl, int clients)
    {
        var load = new CounterLoad();
        for (int i = 0; i < clients; i++)
        {
            RawKernelClient client = await RawKernelClient.ConnectAsync(webSocketBaseUrl, RawKernelClient.NewId(), RawKernelClient.NewId(), RawKernelClient.NewId());
            load._clients.Add(client);
            AppRun run = await client.RunAppAsync("counter");
            load._loops.Add(load.ClickUntilStoppedAsync(client, run.ButtonId));
        }
        return load;
    }

    private async Task ClickUntilStoppedAsync(RawKernelClient client, string buttonId)
    {
        while (!_stop.IsCancellationRequested)
        {
            await client.ClickAsync(buttonId);
            Interlocked.Increment(ref _clicks);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_loops);
        foreach (RawKernelClient client in _clients)
            await client.DisposeAsync();
        _stop.Dispose();
    }
}
