using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Silo;
using Solara.Samples;

namespace Solara.Orleans.Benchmarks.Targets;

/// <summary>The <c>serve</c> command: the embedded server with the samples, plus
/// <c>GET /_bench/memory</c>, which runs a full compacting collection and reports the managed heap,
/// the process working set and CPU time (the same fields as the LiveViewJS peer's endpoint). The
/// suite runs it as a child process so the load generator's own memory stays out of the figures.</summary>
public static class BenchServer
{
    public static async Task<int> RunAsync(int port)
    {
        SettingsSource settings = SettingsSource.FromEnvironment();
        var options = new EmbeddedHostOptions([$"http://127.0.0.1:{port}"], ServerOptions.From(settings, false), KernelOptions.From(settings), SampleApps.All);
        await using WebApplication app = EmbeddedHost.Build(options, logging => logging.SetMinimumLevel(LogLevel.Warning));
        app.MapGet("/_bench/memory", () => Results.Json(Measure()));
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
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using Process process = Process.GetCurrentProcess();
        return new MemoryReading(Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: true), process.TotalProcessorTime.TotalSeconds, FullGc: true);
    }
}
