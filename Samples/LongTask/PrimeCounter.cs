using Solara.Rendering;

namespace Solara.Samples.LongTask;

/// <summary>The long job: counts the primes below <see cref="Limit"/> in <see cref="Steps"/> slices,
/// reporting progress after each and stopping at the next slice once cancelled. Each slice also
/// waits a little, standing in for a slow call (a query, a download) so the progress is visible.</summary>
public static class PrimeCounter
{
    public const int Steps = 20;
    public const int Limit = 2_000_000;
    private static readonly TimeSpan SlowCall = TimeSpan.FromMilliseconds(200);

    public static async Task<int> CountAsync(TaskContext task)
    {
        const int slice = Limit / Steps;
        int count = 0;
        for (int step = 0; step < Steps; step++)
        {
            await Task.Delay(SlowCall, task.Cancellation);
            for (int n = step * slice; n < (step + 1) * slice; n++)
                if (IsPrime(n))
                    count++;
            task.ReportProgress((step + 1) / (double)Steps);
        }
        return count;
    }

    private static bool IsPrime(int n)
    {
        if (n < 2)
            return false;
        if (n % 2 == 0)
            return n == 2;
        for (int d = 3; d * d <= n; d += 2)
            if (n % d == 0)
                return false;
        return true;
    }
}
