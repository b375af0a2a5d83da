using System.Globalization;
using Solara.Orleans.Benchmarks;
using Solara.Orleans.Benchmarks.Report;
using Solara.Orleans.Benchmarks.Suite;
using Solara.Orleans.Benchmarks.Targets;

// Usage: dotnet run -c Release --project Benchmarks -- suite [--target URL] [--quick] ...   (the default suite and its report)
//        dotnet run -c Release --project Benchmarks -- click-latency|click-traffic|kernel-memory [--url http://host:port] [--clicks 100] [--kernels 500]
//        dotnet run -c Release --project Benchmarks -- serve [--role embedded|silo|gateway] --port N   (the servers the suite measures, as child processes)
// Without --url the single scenarios start an embedded server in this process on a free loopback port.
string scenario = args.Length > 0 ? args[0] : "click-latency";
if (scenario is "failover" or "failover-silo")
    return await Solara.Orleans.Benchmarks.Failover.FailoverBenchmark.RunAsync(scenario, args);
if (scenario == "persistence") return await Solara.Orleans.Benchmarks.Persistence.PersistenceBenchmark.RunAsync(args);
string? url = Option("--url");
int clicks = int.Parse(Option("--clicks") ?? "100", CultureInfo.InvariantCulture);

string[] scenarios = ["suite", "serve", "click-latency", "click-traffic", "kernel-memory"];
if (!scenarios.Contains(scenario))
{
    Console.Error.WriteLine($"unknown scenario '{scenario}' (available: {string.Join(", ", scenarios)})");
    return 2;
}

switch (scenario)
{
    case "suite":
        SuiteOptions options;
        try
        {
            options = SuiteOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        SuiteResults results = await new SuiteRunner(options, Console.Out).RunAsync(CancellationToken.None);
        Console.WriteLine($"report: {await ReportWriter.WriteAsync(results, options.OutputFolder)}");
        return 0;
    case "serve":
        string? port = Option("--port");
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p is <= 0 or > 65535)
        {
            Console.Error.WriteLine($"serve needs --port with a port number (1-65535), got '{port}'");
            return 2;
        }
        return await BenchServer.RunAsync(p, Option("--role") ?? BenchServer.Embedded);
}

await using var server = url is null ? await BenchServer.StartInProcessAsync() : null;
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
