using System.Globalization;

namespace Solara.Orleans.Benchmarks.Suite;

/// <summary>The <c>suite</c> command's flags. Without <c>--target</c> each phase runs twice on fresh child
/// processes: an embedded server, then a gateway in front of a silo (with its own redis-server); with it
/// every phase runs once against that base URL (for example the local cluster's nginx in front of the
/// gateways, <c>http://127.0.0.1:8080</c>).</summary>
public sealed record SuiteOptions(
    string? Target,
    int[] KernelLevels,
    int[] PageLevels,
    TimeSpan ClickDuration,
    int SaturationPages,
    TimeSpan SaturationDuration,
    int SequentialStarts,
    int ConnectConcurrency,
    int PeerPages,
    int PeerClicks,
    bool SkipPeer,
    bool SkipCluster,
    string OutputFolder)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project Benchmarks -- suite [options]

          --target URL          measure a running server or gateway (e.g. http://127.0.0.1:8080) instead of
                                fresh servers started as child processes (embedded, then gateway + silo)
          --skip-cluster        leave out the gateway + silo topology
          --kernels 1000,5000,10000   kernel counts of the memory and start ramps
          --pages 1,100,1000    active pages of the click-latency levels (each clicks once a second;
                                a single page clicks ten times a second to get enough samples)
          --click-seconds 15    length of each click-latency level
          --peer-pages 100      browser pages per server in the LiveViewJS comparison
          --skip-peer           leave out the browser comparison
          --quick               small smoke run (kernels 100,200,300; pages 1,10,50; 3 s; 5 peer pages)
          --out DIR             where results.json, report.md and the charts go (default Benchmarks/results)
        """;

    public static SuiteOptions Parse(IReadOnlyList<string> args)
    {
        bool quick = args.Contains("--quick");
        var options = new SuiteOptions(
            Target: null,
            KernelLevels: quick ? [100, 200, 300] : [1000, 5000, 10000],
            PageLevels: quick ? [1, 10, 50] : [1, 100, 1000],
            ClickDuration: TimeSpan.FromSeconds(quick ? 3 : 15),
            SaturationPages: quick ? 8 : 32,
            SaturationDuration: TimeSpan.FromSeconds(quick ? 3 : 10),
            SequentialStarts: quick ? 20 : 200,
            ConnectConcurrency: 16,
            PeerPages: quick ? 5 : 100,
            PeerClicks: quick ? 3 : 10,
            SkipPeer: false,
            SkipCluster: false,
            OutputFolder: Path.Combine(RepositoryRoot(), "Benchmarks", "results"));
        for (int i = 1; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value\n{Usage}");
            options = name switch
            {
                "--target" => options with { Target = Url(Value()) },
                "--kernels" => options with { KernelLevels = Counts(name, Value()) },
                "--pages" => options with { PageLevels = Counts(name, Value()) },
                "--click-seconds" => options with { ClickDuration = TimeSpan.FromSeconds(Counts(name, Value()).Single()) },
                "--peer-pages" => options with { PeerPages = Counts(name, Value()).Single() },
                "--skip-peer" => options with { SkipPeer = true },
                "--skip-cluster" => options with { SkipCluster = true },
                "--quick" => options,
                "--out" => options with { OutputFolder = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"unknown suite option '{name}'\n{Usage}"),
            };
        }
        return options;
    }

    private static string Url(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? value.TrimEnd('/')
            : throw new ArgumentException($"--target '{value}' is not an http(s) URL (example: http://127.0.0.1:8080)");

    private static int[] Counts(string name, string value)
    {
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        var counts = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] <= 0)
                throw new ArgumentException($"{name} '{value}' is not a comma-separated list of positive whole numbers");
        return counts;
    }

    /// <summary>The checkout this benchmark runs from (the folder holding Solara.Orleans.sln).</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Solara.Orleans.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Solara.Orleans.sln) above the working directory or the benchmark binary");
    }
}
