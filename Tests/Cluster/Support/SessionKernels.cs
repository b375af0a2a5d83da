using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.Support;

namespace Solara.Orleans.Tests.Cluster.Support;

/// <summary>Kernels of one session connected through a gateway, with the silo the directory names for each.</summary>
public sealed class SessionKernels : IAsyncDisposable
{
    private readonly List<(RawKernelClient Client, string Host)> _kernels = [];

    public IReadOnlyList<RawKernelClient> Clients => _kernels.Select(k => k.Client).ToArray();

    /// <summary>Silo endpoint → how many of these kernels it hosts.</summary>
    public IReadOnlyDictionary<string, int> Hosts => _kernels.GroupBy(k => k.Host).ToDictionary(g => g.Key, g => g.Count());

    public string HostOf(RawKernelClient client) => _kernels.Single(k => k.Client == client).Host;

    /// <summary>The first kernel on each of two silos.</summary>
    public (RawKernelClient, RawKernelClient) OnePerSilo()
    {
        RawKernelClient[] firsts = _kernels.GroupBy(k => k.Host).Select(g => g.First().Client).Take(2).ToArray();
        return (firsts[0], firsts[1]);
    }

    /// <summary>Connects new kernels of <paramref name="session"/> until placement has put them on two silos.</summary>
    public static async Task<SessionKernels> OnBothSilosAsync(TestCluster cluster, TestGateway gateway, string session, int max)
    {
        var kernels = new SessionKernels();
        while (kernels.Hosts.Count < 2)
        {
            if (kernels._kernels.Count >= max)
                throw new Xunit.Sdk.XunitException($"placement put {max} kernels of one session on one silo");
            await kernels.AddAsync(cluster, gateway, session);
        }
        return kernels;
    }

    /// <summary>Connects <paramref name="count"/> new kernels of <paramref name="session"/>.</summary>
    public static async Task<SessionKernels> ConnectAsync(TestCluster cluster, TestGateway gateway, string session, int count)
    {
        var kernels = new SessionKernels();
        for (int i = 0; i < count; i++)
            await kernels.AddAsync(cluster, gateway, session);
        return kernels;
    }

    private async Task AddAsync(TestCluster cluster, TestGateway gateway, string session)
    {
        RawKernelClient client = await RawKernelClient.ConnectAsync(gateway.WebSocketBaseUrl, RawKernelClient.NewId(), RawKernelClient.NewId(), session);
        string status = (string?)(await client.KernelInfoAsync()).Reply.Content["status"] ?? "";
        TestSilo host = await cluster.HostOfAsync(client.KernelId)
            ?? throw new Xunit.Sdk.XunitException($"kernel {client.KernelId} (kernel_info {status}) is not in the directory");
        _kernels.Add((client, host.Endpoint));
    }

    public async ValueTask DisposeAsync()
    {
        foreach ((RawKernelClient client, _) in _kernels)
            await client.DisposeAsync();
    }
}
