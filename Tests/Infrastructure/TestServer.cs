using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Solara.Apps;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Gateway.WebSockets;
using Solara.Orleans.Grains.Hosting;
using Solara.Orleans.Silo;
using Solara.Samples;

namespace Solara.Orleans.Tests.Infrastructure;

/// <summary>The embedded server on a free loopback port, configured from the given SOLARA_* settings
/// (never from the test process's environment).</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _closed = new();

    private TestServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Silo = app.Services.GetRequiredService<KernelSilo>();
        Silo.KernelClosed += (kernelId, reason) => ClosedSignal(kernelId).TrySetResult(reason);
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>, no trailing slash.</summary>
    public string BaseUrl { get; }

    public string WebSocketBaseUrl => "ws" + BaseUrl["http".Length..];

    public KernelSilo Silo { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every log line the server wrote, for tests that assert on logging.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <param name="stateBackend">replaces the backend the settings name (e.g. one that fails on demand).</param>
    public static async Task<TestServer> StartAsync(IDictionary<string, string>? settings = null, IReadOnlyList<SolaraApp>? apps = null, IStateBackend? stateBackend = null)
    {
        var source = new SettingsSource(new Dictionary<string, string>(settings ?? new Dictionary<string, string>()));
        ServerOptions serverOptions = ServerOptions.From(source, productionFlag: false);
        KernelOptions kernels = KernelOptions.From(source);
        var options = new EmbeddedHostOptions(["http://127.0.0.1:0"], serverOptions, kernels, apps ?? [.. SampleApps.All, .. TestApps.All])
        {
            State = StateOptions.From(source, serverOptions, kernels),
            StateBackend = stateBackend,
        };
        var logs = new CapturedLogs();
        WebApplication app = EmbeddedHost.Build(options, logging => logging.AddProvider(logs));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new TestServer(app, address.TrimEnd('/'));
        server.Logs.Attach(logs);
        return server;
    }

    /// <summary>Completes with the close reason when the kernel closes (immediately if it already has since start).</summary>
    public Task<string> KernelClosed(string kernelId) => ClosedSignal(kernelId).Task;

    /// <summary>Aborts every WebSocket server-side without a close handshake, like a network drop.</summary>
    public int DropAllSockets() => _app.Services.GetRequiredService<SocketRegistry>().AbortAll();

    private TaskCompletionSource<string> ClosedSignal(string kernelId) =>
        _closed.GetOrAdd(kernelId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
