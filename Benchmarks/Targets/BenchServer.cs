using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Gateway.Hosting;
using Solara.Orleans.Silo;
using Solara.Orleans.Silo.Cluster;
using Solara.Samples;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>The <c>serve</c> command: a server with the samples in one of three roles (the embedded
/// server, a cluster silo, a cluster gateway; settings from <c>SOLARA_*</c>), plus
/// <c>GET /_bench/memory</c>, which runs a full aggressive collection (compacting, returning free memory to the OS) and reports the managed heap,
/// the process working set and CPU time (the same fields as the LiveViewJS peer's endpoint), and
/// <c>GET /_bench/gc</c> (collections so far and their total pause, without collecting). The
/// suite runs it as a child process so the load generator's own memory stays out of the figures.</summary>
public static class BenchServer
{
    public const string Embedded = "embedded";
    public const string Silo = "silo";
    public const string Gateway = "gateway";

    public static async Task<int> RunAsync(int port, string role)
    {
        SettingsSource settings = SettingsSource.FromEnvironment();
        string[] urls = [$"http://127.0.0.1:{port}"];
        ServerOptions server = ServerOptions.From(settings, false);
        KernelOptions kernels = KernelOptions.From(settings);
        static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning);
        await using WebApplication app = role switch
        {
            Embedded => EmbeddedHost.Build(new EmbeddedHostOptions(urls, server, kernels, SampleApps.All), Quiet),
            Silo => await SiloHost.BuildAsync(new SiloHostOptions(urls, server, kernels, StateOptions.From(settings, server, kernels), ClusterOptions.From(settings), SampleApps.All), Quiet),
            Gateway => await GatewayHost.BuildAsync(new GatewayHostOptions(urls, server, kernels, ClusterOptions.From(settings)), Quiet),
            _ => throw new ArgumentException($"serve --role must be {Embedded}, {Silo} or {Gateway}, not '{role}'"),
        };
        app.MapGet("/_bench/memory", () => Results.Json(Measure()));
        app.MapGet("/_bench/gc", () => Results.Json(GcReading.Now()));
        await app.RunAsync();
        return 0;
    }

    public static async Task<WebApplication> StartInProcessAsync()
    {
        var settings = new SettingsSource(new Dictionary<string, string>());
        var app = EmbeddedHost.Build(new EmbeddedHostOptions(["http://127.0.0.1:0"], ServerOptions.From(settings, true), KernelOptions.From(settings), SampleApps.All),
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        return app;
    }

    private static MemoryReading Measure()
    {
        for (int i = 0; i < 3; i++)
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            // Aggressive: compacts and also hands free memory back to the OS, so the working set is what the objects need.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using Process process = Process.GetCurrentProcess();
        return new MemoryReading(Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: true), process.TotalProcessorTime.TotalSeconds, FullGc: true);
    }
}
