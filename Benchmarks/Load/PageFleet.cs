using System.Collections.Concurrent;
using System.Diagnostics;

namespace Solara.Orleans.Benchmarks.Load;

/// <summary>Opens many simulated pages with a bounded number of connects in flight, recording each
/// kernel start and the sustained connect rate.</summary>
public static class PageFleet
{
    /// <summary>Opens <paramref name="count"/> pages. With <paramref name="keepOpen"/> false each socket
    /// is closed right after the first render, leaving an idle (disconnected) kernel on the server.</summary>
    public static async Task<FleetResult> OpenAsync(string baseUrl, int count, int concurrency, bool keepOpen, CancellationToken cancellation)
    {
        var pages = new ConcurrentBag<SimulatedPage>();
        var starts = new double[count];
        int next = -1;
        long begin = Stopwatch.GetTimestamp();
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                SimulatedPage page = await SimulatedPage.OpenAsync(baseUrl, cancellation);
                starts[i] = page.StartMilliseconds;
                if (keepOpen)
                    pages.Add(page);
                else
                    await page.DisposeAsync();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(Worker, cancellation)));
        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return new FleetResult([.. pages], LatencySummary.Of(starts), count / seconds);
    }

    public static async Task CloseAsync(IEnumerable<SimulatedPage> pages) =>
        await Task.WhenAll(pages.Select(p => p.DisposeAsync().AsTask()));
}

/// <summary>The pages left open (if asked), kernel start latencies and connects per second.</summary>
public sealed record FleetResult(IReadOnlyList<SimulatedPage> Pages, LatencySummary Start, double ConnectsPerSecond);
