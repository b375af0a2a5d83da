namespace Solara.Orleans.Grains.Metrics;

/// <summary>Cumulative counts of a duration histogram in fixed exponential buckets (0.1 ms growing by
/// 1.5× to ~20 s, plus an overflow bucket). Fixed bounds make histograms of several silos, and of two
/// moments, subtract and add bucket by bucket.</summary>
public sealed class LatencyBuckets
{
    public static IReadOnlyList<double> Bounds { get; } = Enumerable.Range(0, 31).Select(i => Math.Round(0.1 * Math.Pow(1.5, i), 3)).ToArray();

    private readonly long[] _counts = new long[Bounds.Count + 1];
    private long _sumMicroseconds;

    public void Record(double milliseconds)
    {
        int index = 0;
        while (index < Bounds.Count && milliseconds > Bounds[index])
            index++;
        Interlocked.Increment(ref _counts[index]);
        Interlocked.Add(ref _sumMicroseconds, (long)(milliseconds * 1000));
    }

    /// <summary>Per bucket: how many durations were at most its bound (the last: above every bound).</summary>
    public long[] Counts()
    {
        long[] counts = new long[_counts.Length];
        for (int i = 0; i < counts.Length; i++)
            counts[i] = Interlocked.Read(ref _counts[i]);
        return counts;
    }

    public double SumMilliseconds => Interlocked.Read(ref _sumMicroseconds) / 1000.0;
}
