using Solara.Orleans.Grains.State;
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

    /// <summary>Waits until the kernel's persisted hash holds the counter at <paramref name="count"/> (the
    /// flush of the last click was acknowledged), or at any value when <paramref name="count"/> is null.</summary>
    public static Task PersistedAsync(TestCluster cluster, string kernelId, int? count = null) =>
        Eventually.TrueAsync(async () =>
        {
            IReadOnlyDictionary<string, byte[]>? hash = await cluster.Connection.HashGetAllAsync(cluster.StatePrefix + kernelId);
            if (hash is null || !hash.TryGetValue(PersistedServer.CounterField, out byte[]? envelope))
                return false;
            if (count is null)
                return true;
            EnvelopeOpenResult opened = StateEnvelope.Open(new StateSigningKeys([TestCluster.StateSecret]), kernelId, PersistedServer.CounterField, envelope);
            return opened.Verified && System.Text.Encoding.UTF8.GetString(opened.Payload) == count.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }, TimeSpan.FromSeconds(10), $"kernel {kernelId}'s counter persisted" + (count is null ? "" : $" at {count}"));

    /// <summary>The persisted hash's generation (the state fence).</summary>
    public static async Task<long?> GenerationAsync(TestCluster cluster, string kernelId)
    {
        IReadOnlyDictionary<string, byte[]>? hash = await cluster.Connection.HashGetAllAsync(cluster.StatePrefix + kernelId);
        return hash is not null && hash.TryGetValue("__generation__", out byte[]? g) ? long.Parse(System.Text.Encoding.ASCII.GetString(g), System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
