using System.Globalization;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Benchmarks;
using Solara.Orleans.Silo;
using Solara.Samples;

// Usage: dotnet run -c Release --project Benchmarks -- click-latency|click-traffic|kernel-memory [--url http://host:port] [--clicks 100] [--kernels 500]
// Without --url an embedded server is started in this process on a free loopback port.
string scenario = args.Length > 0 ? args[0] : "click-latency";
if (scenario is "failover" or "failover-silo")
    return await Solara.Orleans.Benchmarks.Failover.FailoverBenchmark.RunAsync(scenario, args);
if (scenario == "persistence") return await Solara.Orleans.Benchmarks.Persistence.PersistenceBenchmark.RunAsync(args);
string? url = Option("--url");
int clicks = int.Parse(Option("--clicks") ?? "100", CultureInfo.InvariantCulture);

string[] scenarios = ["click-latency", "click-traffic", "kernel-memory"];
if (!scenarios.Contains(scenario))
{
    Console.Error.WriteLine($"unknown scenario '{scenario}' (available: {string.Join(", ", scenarios)})");
    return 2;
}

await using var server = url is null ? await StartEmbeddedAsync() : null;
string baseUrl = url ?? server!.Urls.First();
switch (scenario)
{
    case "click-latency":
        double[] samples = await ClickLatency.MeasureAsync(baseUrl, clicks, warmup: 10);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"click-latency n={samples.Length} median={ClickLatency.Percentile(samples, 50):F3}ms p90={ClickLatency.Percentile(samples, 90):F3}ms p99={ClickLatency.Percentile(samples, 99):F3}ms min={samples[0]:F3}ms max={samples[^1]:F3}ms server={(url is null ? "embedded" : url)}"));
        break;
    case "click-traffic":
        Console.WriteLine(await ClickTraffic.MeasureAsync(baseUrl));
        break;
    case "kernel-memory":
        if (server is null)
        {
            Console.Error.WriteLine("kernel-memory measures the embedded server in this process; do not pass --url");
            return 2;
        }
        Console.WriteLine(await IdleKernelMemory.MeasureAsync(server, int.Parse(Option("--kernels") ?? "500", CultureInfo.InvariantCulture)));
        break;
}
return 0;

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartEmbeddedAsync()
{
    var settings = new SettingsSource(new Dictionary<string, string>());
    var app = EmbeddedHost.Build(new EmbeddedHostOptions(["http://127.0.0.1:0"], ServerOptions.From(settings, true), KernelOptions.From(settings), SampleApps.All),
        logging => logging.SetMinimumLevel(LogLevel.Warning));
    await app.StartAsync();
    return app;
}
