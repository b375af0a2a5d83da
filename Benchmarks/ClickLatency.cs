using System.Diagnostics;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Benchmarks;

/// <summary>Round trip of one counter click: comm_msg custom click sent → idle received
/// (the update with the new label arrives before the idle).</summary>
public static class ClickLatency
{
    public static async Task<double[]> MeasureAsync(string baseUrl, int clicks, int warmup)
    {
        await using BenchmarkKernelClient client = await BenchmarkKernelClient.ConnectAsync(baseUrl);
        string buttonId = await CounterSession.RunCounterAsync(client);

        var samples = new List<double>(clicks);
        for (int i = 0; i < warmup + clicks; i++)
        {
            long start = Stopwatch.GetTimestamp();
            string click = await client.SendAsync("comm_msg", CounterSession.Click(buttonId));
            List<JupyterMessage> reply = await client.UntilIdleAsync(click);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            string expected = $"Clicked: {i + 1}";
            if (!reply.Any(m => m.MsgType == "comm_msg" && (string?)m.Content["data"]?["state"]?["description"] == expected))
                throw new InvalidOperationException($"click {i + 1} did not produce the update '{expected}'");
            if (i >= warmup)
                samples.Add(ms);
        }
        return [.. samples.Order()];
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}
