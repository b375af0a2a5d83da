namespace Solara.Orleans.Tests.Infrastructure;

/// <summary>Polls a condition that another process makes true (no event to await across processes),
/// with a deadline and a message naming what never happened.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        DateTime deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"not within {within.TotalSeconds:0.#}s: {what}");
            await Task.Delay(Interval);
        }
    }
}
