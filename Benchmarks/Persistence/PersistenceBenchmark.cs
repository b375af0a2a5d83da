using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Benchmarks.Persistence;

/// <summary><c>persistence</c>: what state persistence on a real Redis costs and how it degrades.
/// Starts its own <c>redis-server</c> (on <c>--redis-port</c>, or a free loopback port) and embedded
/// servers with persistence off and on, then measures, in this order (Redis is killed last):
/// backend call durations; page mount and click round trips, persistence off vs on; Redis commands
/// and bytes per interaction; debounce coalescing of a burst of 100 clicks; and clicks and mounts
/// while Redis is hung (SIGSTOP) or dead (SIGKILL), with the breaker closed vs open.
/// Writes <c>Benchmarks/results/persistence.json</c> and prints a summary.</summary>
public static class PersistenceBenchmark
{
    private const int Burst = 100;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    /// <summary>High enough that the breaker never opens during a measurement.</summary>
    private const string NeverOpens = "1000000";

    public static async Task<int> RunAsync(string[] args)
    {
        int? redisPort = Option(args, "--redis-port") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null;
        int iterations = int.Parse(Option(args, "--iterations") ?? "1000", CultureInfo.InvariantCulture);
        int clicks = int.Parse(Option(args, "--clicks") ?? "500", CultureInfo.InvariantCulture);
        int pages = int.Parse(Option(args, "--pages") ?? "200", CultureInfo.InvariantCulture);
        string output = Option(args, "--out") ?? DefaultOutput();

        await using RedisServerProcess redis = await RedisServerProcess.StartAsync(redisPort);
        await using var admin = new RespRedisConnection(RedisEndpoint.Parse(redis.Url), TimeSpan.FromSeconds(10));
        var traffic = new RedisTraffic(admin);
        await traffic.CalibrateAsync();
        string version = (await admin.CommandAsync(CancellationToken.None, "INFO", "server")).AsBytes() is { } info
            ? System.Text.Encoding.UTF8.GetString(info).Split('\n').First(l => l.StartsWith("redis_version:", StringComparison.Ordinal))["redis_version:".Length..].Trim()
            : "unknown";
        Console.WriteLine($"persistence: redis-server {version} on port {redis.Port}; connect timeout 300ms, debounce 300ms (defaults)");

        var report = new JsonObject
        {
            ["command"] = "dotnet run -c Release --project Benchmarks -- persistence " + string.Join(' ', args.Skip(1)),
            ["measured_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = $"{Environment.ProcessorCount} cores, loopback, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            ["redis_version"] = version,
            ["load_average_at_start"] = LoadAverage(),
            ["settings"] = new JsonObject { ["SOLARA_STATE_CONNECT_TIMEOUT"] = "300ms", ["SOLARA_STATE_FLUSH_DEBOUNCE"] = "300ms unless noted", ["SOLARA_STATE_BREAKER_FAILURES"] = "3 unless noted" },
        };

        report["backend_calls"] = await BackendCallsAsync(redis, iterations);
        report["page_latency"] = await PageLatencyAsync(redis, clicks, pages);
        report["redis_traffic"] = await TrafficAsync(redis, traffic);
        report["debounce_burst"] = await BurstAsync(redis, traffic);
        report["redis_hung"] = await OutageAsync(redis, clicks, "hung (SIGSTOP)", redis.PauseAsync, redis.ResumeAsync);
        report["redis_dead"] = await OutageAsync(redis, clicks, "dead (SIGKILL)", redis.KillAsync, () => Task.CompletedTask);

        report["load_average_at_end"] = LoadAverage();
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"persistence: wrote {output}");
        return 0;
    }

    private static async Task<JsonObject> BackendCallsAsync(RedisServerProcess redis, int iterations)
    {
        BackendCalls.Result calls = await BackendCalls.MeasureAsync(redis.Url, iterations, warmup: 50);
        Print("backend takeover (new kernel, miss)", calls.TakeoverMiss);
        Print("backend flush (1 field)", calls.Flush);
        Print("backend takeover (restore 1 field)", calls.TakeoverRestore);
        Print("backend delete (page close)", calls.Delete);
        return new JsonObject
        {
            ["what"] = "each call through the server's bounded, breaker-guarded Redis backend, one Lua script each, loopback",
            ["envelope_bytes"] = calls.EnvelopeBytes,
            ["takeover_miss"] = calls.TakeoverMiss.ToJson(),
            ["flush_one_field"] = calls.Flush.ToJson(),
            ["takeover_restore_one_field"] = calls.TakeoverRestore.ToJson(),
            ["delete"] = calls.Delete.ToJson(),
        };
    }

    /// <summary>The three servers run side by side and are measured in turns (one mount, then one
    /// click, on each), so load from elsewhere on the machine falls on all three alike.</summary>
    private static async Task<JsonObject> PageLatencyAsync(RedisServerProcess redis, int clicks, int pages)
    {
        const int warmup = 20;
        (string Name, BenchmarkHost Host)[] hosts =
        [
            ("off", await BenchmarkHost.StartAsync()),
            ("on_debounce_300ms", await BenchmarkHost.StartAsync(redis.Url)),
            ("on_debounce_0s", await BenchmarkHost.StartAsync(redis.Url, ("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"))),
        ];
        var pagesOpen = new List<PageTimings.CounterPage>();
        try
        {
            var mounts = hosts.Select(_ => new List<double>()).ToArray();
            var clickTimes = hosts.Select(_ => new List<double>()).ToArray();
            for (int i = 0; i < warmup + pages; i++)
            {
                for (int h = 0; h < hosts.Length; h++)
                {
                    double[] mount = await PageTimings.MountAsync(hosts[h].Host.BaseUrl, pages: 1, warmup: 0);
                    if (i >= warmup)
                        mounts[h].Add(mount[0]);
                }
            }
            foreach ((string _, BenchmarkHost host) in hosts)
                pagesOpen.Add(await PageTimings.OpenAsync(host.BaseUrl));
            for (int i = 0; i < warmup + clicks; i++)
            {
                for (int h = 0; h < hosts.Length; h++)
                {
                    double ms = await PageTimings.ClickAsync(pagesOpen[h]);
                    if (i >= warmup)
                        clickTimes[h].Add(ms);
                }
            }
            var result = new JsonObject { ["what"] = "mount = connect a new kernel + takeover + run the counter until idle; click = click sent until idle; the servers are measured in turns" };
            for (int h = 0; h < hosts.Length; h++)
            {
                LatencySummary mount = LatencySummary.Of(mounts[h]), click = LatencySummary.Of(clickTimes[h]);
                Print($"mount, persistence {hosts[h].Name}", mount);
                Print($"click, persistence {hosts[h].Name}", click);
                result[hosts[h].Name] = new JsonObject { ["mount"] = mount.ToJson(), ["click"] = click.ToJson() };
            }
            return result;
        }
        finally
        {
            foreach (PageTimings.CounterPage page in pagesOpen)
                await page.DisposeAsync();
            foreach ((string _, BenchmarkHost host) in hosts)
                await host.DisposeAsync();
        }
    }

    private static async Task<JsonObject> TrafficAsync(RedisServerProcess redis, RedisTraffic traffic)
    {
        const int mounts = 20, clicks = 20;
        await using BenchmarkHost host = await BenchmarkHost.StartAsync(redis.Url);
        RedisTraffic.Snapshot before = await traffic.SnapshotAsync();
        for (int i = 0; i < mounts; i++)
            await using (await PageTimings.OpenAsync(host.BaseUrl)) { }
        RedisTraffic.Snapshot mountTraffic = await traffic.SinceAsync(before);

        await using PageTimings.CounterPage page = await PageTimings.OpenAsync(host.BaseUrl);
        long flushed = await host.WaitForQuietFlushesAsync(Quiet);
        before = await traffic.SnapshotAsync();
        for (int i = 0; i < clicks; i++)
        {
            // One click, then its debounced flush: the cost of one interaction that is persisted on its own.
            await PageTimings.ClickAsync(page);
            long expected = ++flushed;
            await host.WaitForStateAsync(s => (long)s["flush_ok"]! >= expected, "the click's flush");
        }
        RedisTraffic.Snapshot clickTraffic = await traffic.SinceAsync(before);
        JsonObject mount = mountTraffic.PerInteraction(mounts), click = clickTraffic.PerInteraction(clicks);
        Console.WriteLine($"redis per page mount (takeover): {mount.ToJsonString()}");
        Console.WriteLine($"redis per click (flushed alone): {click.ToJsonString()}");
        return new JsonObject
        {
            ["what"] = "INFO stats/commandstats deltas on the Redis server, the benchmark's own INFO calls excluded",
            ["per_page_mount"] = mount,
            ["per_click_flushed_alone"] = click,
        };
    }

    private static async Task<JsonObject> BurstAsync(RedisServerProcess redis, RedisTraffic traffic)
    {
        var result = new JsonObject { ["what"] = $"{Burst} clicks back to back on one page; flushes counted by /resourcez flush_ok once quiet for {Quiet.TotalSeconds:F0} s" };
        foreach ((string name, string debounce) in (IEnumerable<(string, string)>)[("debounce_300ms", "300ms"), ("debounce_0s", "0s")])
        {
            await using BenchmarkHost host = await BenchmarkHost.StartAsync(redis.Url, ("SOLARA_STATE_FLUSH_DEBOUNCE", debounce));
            await using PageTimings.CounterPage page = await PageTimings.OpenAsync(host.BaseUrl);
            long flushesBefore = await host.WaitForQuietFlushesAsync(Quiet);
            RedisTraffic.Snapshot before = await traffic.SnapshotAsync();
            var burst = Stopwatch.StartNew();
            for (int i = 0; i < Burst; i++)
                await PageTimings.ClickAsync(page);
            burst.Stop();
            long flushes = await host.WaitForQuietFlushesAsync(Quiet) - flushesBefore;
            RedisTraffic.Snapshot spent = await traffic.SinceAsync(before);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"burst of {Burst} clicks in {burst.Elapsed.TotalMilliseconds:F0}ms, debounce {debounce}: {flushes} flushes, {spent.Scripts} redis scripts ({spent.Commands} commands executed), {spent.InputBytes} bytes to redis"));
            result[name] = new JsonObject
            {
                ["burst_ms"] = Math.Round(burst.Elapsed.TotalMilliseconds, 1),
                ["changes"] = Burst,
                ["flushes"] = flushes,
                ["redis_scripts"] = spent.Scripts,
                ["redis_commands_executed"] = spent.Commands,
                ["bytes_to_redis"] = spent.InputBytes,
            };
        }
        return result;
    }

    /// <summary>Two servers on the same Redis, one whose breaker never opens and one with the
    /// default threshold; a page on each clicks (each click asks for a flush) before the outage.
    /// Then the outage, the breaker opened on the second, and clicks and new mounts measured on both.</summary>
    private static async Task<JsonObject> OutageAsync(RedisServerProcess redis, int clicks, string what, Func<Task> fail, Func<Task> recover)
    {
        (string, string)[] common = [("SOLARA_STATE_FLUSH_DEBOUNCE", "0s"), ("SOLARA_STATE_BREAKER_WINDOW", "1h")];
        await using BenchmarkHost closed = await BenchmarkHost.StartAsync(redis.Url, [.. common, ("SOLARA_STATE_BREAKER_FAILURES", NeverOpens)]);
        await using BenchmarkHost open = await BenchmarkHost.StartAsync(redis.Url, [.. common, ("SOLARA_STATE_BREAKER_FAILURES", "3")]);
        await using PageTimings.CounterPage closedPage = await PageTimings.OpenAsync(closed.BaseUrl);
        await using PageTimings.CounterPage openPage = await PageTimings.OpenAsync(open.BaseUrl);
        await PageTimings.ClickAsync(closedPage);
        await PageTimings.ClickAsync(openPage);
        await closed.WaitForStateAsync(s => (long)s["flush_ok"]! >= 1, "the first flush");
        await open.WaitForStateAsync(s => (long)s["flush_ok"]! >= 1, "the first flush");

        await fail();
        var opening = Stopwatch.StartNew();
        while ((string?)(await open.StateAsync())["circuit_breaker"] != "open")
        {
            if (opening.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException("the breaker did not open within 60 s of the outage");
            await PageTimings.ClickAsync(openPage);
        }
        opening.Stop();

        var result = new JsonObject { ["what"] = $"Redis {what}; pages connected before the outage keep clicking; new pages mount during it", ["breaker_opened_after_ms"] = Math.Round(opening.Elapsed.TotalMilliseconds) };
        foreach ((string name, BenchmarkHost host, PageTimings.CounterPage page, int mounts) in (IEnumerable<(string, BenchmarkHost, PageTimings.CounterPage, int)>)[
            ("breaker_closed", closed, closedPage, 20), ("breaker_open", open, openPage, 50)])
        {
            LatencySummary click = LatencySummary.Of(await PageTimings.ClicksAsync(page, clicks, warmup: 0));
            LatencySummary mount = LatencySummary.Of(await PageTimings.MountAsync(host.BaseUrl, mounts, warmup: 0));
            JsonObject state = await host.StateAsync();
            Print($"click, redis {what}, {name}", click);
            Print($"mount, redis {what}, {name}", mount);
            result[name] = new JsonObject
            {
                ["click"] = click.ToJson(),
                ["mount"] = mount.ToJson(),
                ["circuit_breaker"] = state["circuit_breaker"]?.DeepClone(),
                ["flush_failures"] = state["flush_failures"]?.DeepClone(),
                ["backend_last_error"] = state["backend_last_error"]?.DeepClone(),
            };
        }
        await recover();
        return result;
    }

    /// <summary>The 1/5/15-minute load averages: other work on the machine skews every number here.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Print(string what, LatencySummary summary) => Console.WriteLine($"{what}: {summary}");

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary><c>Benchmarks/results/persistence.json</c> in the checkout this build came from (else under the current directory).</summary>
    private static string DefaultOutput()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Solara.Orleans.sln")))
                return Path.Combine(dir.FullName, "Benchmarks", "results", "persistence.json");
        }
        return Path.Combine(Environment.CurrentDirectory, "Benchmarks", "results", "persistence.json");
    }
}
