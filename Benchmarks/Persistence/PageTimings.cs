using System.Diagnostics;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks.Persistence;

/// <summary>What a page waits for: mounting the counter on a new kernel (connect, takeover, run)
/// and a click's round trip (click sent → idle, with the new label checked).</summary>
public static class PageTimings
{
    /// <summary>A page with the counter mounted; <see cref="Clicks"/> is the label's count.</summary>
    public sealed class CounterPage(BenchmarkKernelClient client, string buttonId) : IAsyncDisposable
    {
        public BenchmarkKernelClient Client { get; } = client;
        public string ButtonId { get; } = buttonId;
        public int Clicks { get; set; }

        public ValueTask DisposeAsync() => Client.DisposeAsync();
    }

    public static async Task<CounterPage> OpenAsync(string baseUrl)
    {
        BenchmarkKernelClient client = await BenchmarkKernelClient.ConnectAsync(baseUrl);
        return new CounterPage(client, await CounterSession.RunCounterAsync(client));
    }

    /// <summary>Milliseconds from connecting a new kernel to the counter's render, per page (each closed after).</summary>
    public static async Task<double[]> MountAsync(string baseUrl, int pages, int warmup)
    {
        var samples = new List<double>(pages);
        for (int i = 0; i < warmup + pages; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await using CounterPage page = await OpenAsync(baseUrl);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= warmup)
                samples.Add(ms);
        }
        return [.. samples];
    }

    /// <summary>One click's round trip in milliseconds.</summary>
    public static async Task<double> ClickAsync(CounterPage page)
    {
        long start = Stopwatch.GetTimestamp();
        string click = await page.Client.SendAsync("comm_msg", CounterSession.Click(page.ButtonId));
        List<JupyterMessage> reply = await page.Client.UntilIdleAsync(click);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        string expected = $"Clicked: {++page.Clicks}";
        if (!reply.Any(m => m.MsgType == "comm_msg" && (string?)m.Content["data"]?["state"]?["description"] == expected))
            throw new InvalidOperationException($"click {page.Clicks} did not produce the update '{expected}'");
        return ms;
    }

    public static async Task<double[]> ClicksAsync(CounterPage page, int clicks, int warmup)
    {
        var samples = new List<double>(clicks);
        for (int i = 0; i < warmup + clicks; i++)
        {
            double ms = await ClickAsync(page);
            if (i >= warmup)
                samples.Add(ms);
        }
        return [.. samples];
    }
}
