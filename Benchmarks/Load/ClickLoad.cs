using System.Collections.Concurrent;
using System.Diagnostics;

namespace Solara.Orleans.Benchmarks.Load;

/// <summary>Drives clicks on open pages: an open loop (each page clicks on a fixed schedule, phases
/// spread at random) for latency, and a closed loop (each page clicks again as soon as its update
/// arrives) for throughput at saturation.</summary>
public static class ClickLoad
{
    public static async Task<LatencySummary> OpenLoopAsync(IReadOnlyList<SimulatedPage> pages, TimeSpan interval, TimeSpan duration, CancellationToken cancellation)
    {
        var samples = new ConcurrentBag<double>();
        long begin = Stopwatch.GetTimestamp();
        async Task Drive(SimulatedPage page, double phase)
        {
            for (int k = 0; ; k++)
            {
                TimeSpan due = interval * (k + phase);
                if (due >= duration)
                    return;
                TimeSpan wait = due - Stopwatch.GetElapsedTime(begin);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellation);
                samples.Add(await page.ClickAsync(cancellation));
            }
        }
        await Task.WhenAll(pages.Select(p => Task.Run(() => Drive(p, Random.Shared.NextDouble()), cancellation)));
        return LatencySummary.Of(samples);
    }

    /// <summary>Clicks back to back on every page for <paramref name="duration"/>; returns the clicks and
    /// WebSocket frames (both directions) counted at the clients.</summary>
    public static async Task<(long Clicks, long Frames, double Seconds)> ClosedLoopAsync(IReadOnlyList<SimulatedPage> pages, TimeSpan duration, CancellationToken cancellation)
    {
        long framesBefore = pages.Sum(p => p.FramesSent + p.FramesReceived);
        long clicks = 0;
        long begin = Stopwatch.GetTimestamp();
        async Task Drive(SimulatedPage page)
        {
            while (Stopwatch.GetElapsedTime(begin) < duration)
            {
                await page.ClickAsync(cancellation);
                Interlocked.Increment(ref clicks);
            }
        }
        await Task.WhenAll(pages.Select(p => Task.Run(() => Drive(p), cancellation)));
        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return (clicks, pages.Sum(p => p.FramesSent + p.FramesReceived) - framesBefore, seconds);
    }
}
