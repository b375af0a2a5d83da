using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Samples;
using Solara.Orleans.Silo;

namespace Solara.Orleans.Benchmarks.Failover;

/// <summary><c>failover [--kernels 1000] [--rounds 10] [--lease 2s] [--heartbeat 250ms] [--set NAME=VALUE]…</c>: SIGKILL a silo
/// under persisted counter pages and measure how fast pages are remounted with their state, how many
/// acknowledged values were lost, and how long membership takes to declare the silo dead. Pages reconnect
/// as the browser client does (same kernel and page id, jittered exponential backoff from 150–300 ms).
/// Writes <c>Benchmarks/results/failover.json</c>.</summary>
public static class FailoverBenchmark
{
    private const int Clicks = 3;

    public static async Task<int> RunAsync(string scenario, string[] args)
    {
        if (scenario == "failover-silo")
            return await SolaraServer.RunAsync(["--role", "silo", "--port", args[1]], SampleApps.All);
        int kernels = int.Parse(Option(args, "--kernels") ?? "1000", CultureInfo.InvariantCulture);
        int rounds = int.Parse(Option(args, "--rounds") ?? "10", CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["SOLARA_CLUSTER_LEASE"] = Option(args, "--lease") ?? "2s",
            ["SOLARA_CLUSTER_HEARTBEAT"] = Option(args, "--heartbeat") ?? "250ms",
        };
        // --set NAME=VALUE passes any other setting to the silos and the gateway (repeatable).
        for (int i = 0; i + 1 < args.Length; i++)
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [{ } name, { } value])
                settings[name] = value;
        await using FailoverCluster cluster = await FailoverCluster.StartAsync(settings, silos: 2);
        Console.WriteLine($"failover: 2 silos, 1 gateway, lease {settings["SOLARA_CLUSTER_LEASE"]}, heartbeat {settings["SOLARA_CLUSTER_HEARTBEAT"]}");

        JsonObject single = await SinglePageRoundsAsync(cluster, rounds);
        lock (cluster.Outcomes)
            cluster.Outcomes.Clear();
        JsonObject mass = await ManyPagesAsync(cluster, kernels);
        lock (cluster.Outcomes)
            mass["silo_log_outcomes"] = new JsonObject([.. cluster.Outcomes.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        var result = new JsonObject
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
            ["machine"] = $"{Environment.ProcessorCount} cores",
            ["settings"] = new JsonObject([.. settings.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
            ["lease_ms"] = cluster.Options.Lease.TotalMilliseconds,
            ["heartbeat_ms"] = cluster.Options.Heartbeat.TotalMilliseconds,
            ["single_page"] = single,
            ["many_pages"] = mass,
        };
        string folder = Path.Combine(RepositoryRoot(), "Benchmarks", "results");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "failover.json");
        await File.WriteAllTextAsync(path, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"written: {path}");
        return 0;
    }

    /// <summary>One page per round: SIGKILL its silo, time to restored state and to the dead declaration; the silo is restarted after.</summary>
    private static async Task<JsonObject> SinglePageRoundsAsync(FailoverCluster cluster, int rounds)
    {
        var restored = new List<double>();
        var detected = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var page = new FailoverPage(cluster.GatewayWebSocketBase);
            await page.ConnectAndRunAsync(CancellationToken.None);
            for (int i = 0; i < Clicks; i++)
                await page.ClickAsync(CancellationToken.None);
            await PersistedAsync(cluster, [page]);
            page.Watch();
            int port = await cluster.HostPortOfAsync(page.KernelId) ?? throw new InvalidOperationException("kernel not in the directory");
            SiloAddress dead = (await cluster.Membership.ReadAllAsync()).Entries.First(e => new Uri(e.Silo.Endpoint).Port == port && e.Status == SiloStatus.Active).Silo;
            var clock = Stopwatch.StartNew();
            cluster.KillSilo(port);
            Task<double> detection = DeclaredDeadAsync(cluster, dead, clock);
            double ms = await RemountAsync(page, clock);
            if (page.Label != $"Clicked: {Clicks}")
                throw new InvalidOperationException($"round {round}: restored '{page.Label}'");
            restored.Add(ms);
            detected.Add(await detection);
            page.Abort();
            await cluster.StartSiloAsync(port);
            Console.WriteLine($"  round {round + 1}: restored after {ms:0} ms, declared dead after {detected[^1]:0} ms");
        }
        return new JsonObject
        {
            ["rounds"] = rounds,
            ["restored_ms"] = Summary(restored),
            ["declared_dead_ms"] = Summary(detected),
        };
    }

    private static async Task<JsonObject> ManyPagesAsync(FailoverCluster cluster, int kernels)
    {
        var pages = Enumerable.Range(0, kernels).Select(_ => new FailoverPage(cluster.GatewayWebSocketBase)).ToArray();
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(pages.Select(async page =>
            {
                await gate.WaitAsync();
                try
                {
                    await page.ConnectAndRunAsync(CancellationToken.None);
                    for (int i = 0; i < Clicks; i++)
                        await page.ClickAsync(CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await PersistedAsync(cluster, pages);
        var hosts = new Dictionary<string, int>();
        foreach (FailoverPage page in pages)
            hosts[page.KernelId] = await cluster.HostPortOfAsync(page.KernelId) ?? 0;
        int victim = hosts.Values.GroupBy(p => p).OrderByDescending(g => g.Count()).First().Key;
        FailoverPage[] affected = pages.Where(p => hosts[p.KernelId] == victim).ToArray();
        foreach (FailoverPage page in pages)
            page.Watch();
        Console.WriteLine($"  {kernels} pages at {Clicks} clicks, {affected.Length} on the killed silo");

        var clock = Stopwatch.StartNew();
        cluster.KillSilo(victim);
        double[] times = await Task.WhenAll(affected.Select(page => RemountAsync(page, clock)));
        int lost = affected.Count(p => p.Label != $"Clicked: {Clicks}");
        Array.Sort(times);
        foreach (FailoverPage page in pages)
            page.Abort();
        return new JsonObject
        {
            ["pages"] = kernels,
            ["pages_on_killed_silo"] = affected.Length,
            ["remounted_50_percent_ms"] = Math.Round(Percentile(times, 0.50), 1),
            ["remounted_99_percent_ms"] = Math.Round(Percentile(times, 0.99), 1),
            ["remounted_all_ms"] = Math.Round(times[^1], 1),
            ["acknowledged_values_lost"] = lost,
            ["labels_after_remount"] = new JsonObject([.. affected.GroupBy(p => p.Label).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]),
        };
    }

    /// <summary>Waits for the server to drop the page, then reconnects like the client until the counter is mounted again.</summary>
    private static async Task<double> RemountAsync(FailoverPage page, Stopwatch clock)
    {
        await page.Closed;
        for (int attempt = 0; ; attempt++)
        {
            double cap = Math.Min(10_000, 300 * Math.Pow(2, attempt));
            await Task.Delay(TimeSpan.FromMilliseconds(cap / 2 + Random.Shared.NextDouble() * cap / 2));
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await page.ConnectAndRunAsync(timeout.Token);
                return clock.Elapsed.TotalMilliseconds;
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException)
            {
                if (attempt > 12)
                    throw;
            }
        }
    }

    private static async Task<double> DeclaredDeadAsync(FailoverCluster cluster, SiloAddress silo, Stopwatch clock)
    {
        while ((await cluster.Membership.ReadAllAsync()).Find(silo)?.Status != SiloStatus.Dead)
            await Task.Delay(10);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task PersistedAsync(FailoverCluster cluster, IReadOnlyList<FailoverPage> pages)
    {
        const string prefix = "solara:state:";
        foreach (FailoverPage page in pages)
        {
            while (true)
            {
                IReadOnlyDictionary<string, byte[]>? hash = await cluster.Connection.HashGetAllAsync(prefix + page.KernelId);
                if (hash?.ContainsKey("reactive:samples.counter.clicks") == true)
                    break;
                await Task.Delay(20);
            }
        }
    }

    private static JsonObject Summary(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return new JsonObject
        {
            ["median"] = Math.Round(Percentile(sorted, 0.5), 1),
            ["min"] = Math.Round(sorted[0], 1),
            ["max"] = Math.Round(sorted[^1], 1),
            ["all"] = new JsonArray([.. values.Select(v => (JsonNode)Math.Round(v, 1))]),
        };
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Solara.Orleans.sln")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        return dir;
    }
}
