using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Cluster.Support;

/// <summary>The counter sample driven through a cluster gateway over the raw protocol.</summary>
public static class ClusterCounter
{
    /// <summary>Connects through <paramref name="gateway"/>, runs the counter and clicks it <paramref name="clicks"/> times.</summary>
    public static async Task<(RawKernelClient Client, AppRun Run)> OpenAsync(TestGateway gateway, string kernelId, string session, int clicks, string? pageId = null)
    {
        RawKernelClient client = await RawKernelClient.ConnectAsync(gateway.WebSocketBaseUrl, kernelId, pageId ?? RawKernelClient.NewId(), session);
        AppRun run = await client.RunAppAsync("counter");
        for (int i = 0; i < clicks; i++)
            await client.ClickAsync(run.ButtonId);
        return (client, run);
    }

    /// <summary>Waits until the kernel's persisted hash holds the counter (its flush was acknowledged).</summary>
    public static Task PersistedAsync(TestCluster cluster, string kernelId) =>
        Eventually.TrueAsync(async () =>
        {
            IReadOnlyDictionary<string, byte[]>? hash = await cluster.Connection.HashGetAllAsync(cluster.StatePrefix + kernelId);
            return hash?.ContainsKey(PersistedServer.CounterField) == true;
        }, TimeSpan.FromSeconds(10), $"kernel {kernelId}'s counter persisted");

    /// <summary>The persisted hash's generation (the state fence).</summary>
    public static async Task<long?> GenerationAsync(TestCluster cluster, string kernelId)
    {
        IReadOnlyDictionary<string, byte[]>? hash = await cluster.Connection.HashGetAllAsync(cluster.StatePrefix + kernelId);
        return hash is not null && hash.TryGetValue("__generation__", out byte[]? g) ? long.Parse(System.Text.Encoding.ASCII.GetString(g), System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
