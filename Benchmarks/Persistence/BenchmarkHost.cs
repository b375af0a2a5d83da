using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Silo;
using Solara.Samples;

namespace Solara.Orleans.Benchmarks.Persistence;

/// <summary>An embedded server on a free loopback port, with persistence off or on a given Redis,
/// and its <c>/resourcez</c> <c>state</c> block.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    public const string Secret = "benchmark-secret-not-for-production";

    private static readonly HttpClient Http = new();
    private readonly WebApplication _app;

    private BenchmarkHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Persistence off.</summary>
    public static Task<BenchmarkHost> StartAsync() => StartAsync(new Dictionary<string, string>());

    /// <summary>Persistence on <paramref name="redisUrl"/> under a key prefix of its own; <paramref name="extra"/> overrides.</summary>
    public static Task<BenchmarkHost> StartAsync(string redisUrl, params (string Name, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["SOLARA_STATE_BACKEND"] = "redis",
            ["SOLARA_STATE_URL"] = redisUrl,
            ["SOLARA_STATE_SECRET_KEYS"] = Secret,
            ["SOLARA_STATE_PREFIX"] = $"bench:{Guid.NewGuid():N}:",
            ["SOLARA_SESSION_HTTP_ONLY"] = "true",
        };
        foreach ((string name, string value) in extra)
            settings[name] = value;
        return StartAsync(settings);
    }

    private static async Task<BenchmarkHost> StartAsync(Dictionary<string, string> settings)
    {
        var source = new SettingsSource(settings);
        ServerOptions server = ServerOptions.From(source, productionFlag: true);
        KernelOptions kernels = KernelOptions.From(source);
        var options = new EmbeddedHostOptions(["http://127.0.0.1:0"], server, kernels, SampleApps.All)
        {
            State = StateOptions.From(source, server, kernels),
        };
        WebApplication app = EmbeddedHost.Build(options, logging => logging.SetMinimumLevel(LogLevel.Error));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchmarkHost(app, address.TrimEnd('/'));
    }

    public async Task<JsonObject> StateAsync() =>
        JsonNode.Parse(await Http.GetStringAsync($"{BaseUrl}/resourcez"))!["state"]!.AsObject();

    public async Task<long> CounterAsync(string name) => (long)(await StateAsync())[name]!;

    /// <summary>Polls the state block until <paramref name="done"/> holds (at most 30 s).</summary>
    public async Task<JsonObject> WaitForStateAsync(Func<JsonObject, bool> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            JsonObject state = await StateAsync();
            if (done(state))
                return state;
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"waited 30 s for {what}; the state block is {state.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <c>flush_ok</c> stops moving for <paramref name="quiet"/>; returns its value.</summary>
    public async Task<long> WaitForQuietFlushesAsync(TimeSpan quiet)
    {
        long last = await CounterAsync("flush_ok");
        var still = Stopwatch.StartNew();
        while (still.Elapsed < quiet)
        {
            await Task.Delay(20);
            long now = await CounterAsync("flush_ok");
            if (now != last)
            {
                last = now;
                still.Restart();
            }
        }
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
