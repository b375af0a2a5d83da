using System.Text;
using Microsoft.Playwright;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Tests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>The deployment as a person meets it: <c>deploy/local-cluster.sh</c> (redis, two silos, two
/// gateways, nginx round-robin without stickiness), a page opened through nginx, and the silo that hosts
/// its kernel SIGKILLed.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalClusterBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string ClicksField = "reactive:samples.counter.clicks";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_page_opened_through_nginx_keeps_its_persisted_count_after_its_silo_is_SIGKILLed()
    {
        await using LocalCluster cluster = await LocalCluster.StartAsync();
        await using RespRedisConnection redis = cluster.ConnectRedis();
        await using BrowserPage page = await browser.NewPageAsync(cluster.BaseUrl);
        await page.OpenAppAsync("/counter");
        for (int i = 0; i < 3; i++)
        {
            await page.Button($"Clicked: {i}").ClickAsync();
            await Expect(page.Button($"Clicked: {i + 1}")).ToBeVisibleAsync();
        }
        string kernelId = await page.KernelIdAsync();
        // A SIGKILL loses the last debounce window: kill only once the count is in Redis.
        await WaitForPersistedClicksAsync(cluster, redis, kernelId, 3);
        int host = await HostingSiloAsync(cluster, redis, kernelId, except: null);
        await page.RecordStatesAsync();

        var sinceKill = System.Diagnostics.Stopwatch.StartNew();
        await cluster.KillSiloAsync(host);

        await page.WaitForStateAsync("mounted", minReconnects: 1);
        output.WriteLine($"SIGKILL of silo{host} to the restored page: {sinceKill.ElapsedMilliseconds} ms");
        var states = await page.RecordedStatesAsync();
        Assert.Contains(("restoring", "Restoring session…"), states);
        Assert.DoesNotContain(states, s => s.State == "gave-up");
        Assert.Equal(kernelId, await page.KernelIdAsync());
        await Expect(page.Button("Clicked: 3")).ToBeVisibleAsync();
        await Expect(page.Overlay).ToBeHiddenAsync();
        int newHost = await HostingSiloAsync(cluster, redis, kernelId, except: host);
        await page.Button("Clicked: 3").ClickAsync();
        await Expect(page.Button("Clicked: 4")).ToBeVisibleAsync();

        // `up` is idempotent: it restarts only the killed silo.
        string up = await cluster.UpAsync();
        Assert.Contains($"started silo{host}:", up, StringComparison.Ordinal);
        string status = await cluster.StatusAsync();
        for (int n = 1; n <= LocalCluster.Silos; n++)
            Assert.Matches($@"(?m)^silo{n} +\d+ +\d+ +ready$", status);
        await Expect(page.Button("Clicked: 4")).ToBeVisibleAsync();
        Assert.Equal(newHost, await HostingSiloAsync(cluster, redis, kernelId, except: host));
    }

    /// <summary>Polls the kernel's state hash until the signed counter value reads <paramref name="expected"/>.</summary>
    private static async Task WaitForPersistedClicksAsync(LocalCluster cluster, RespRedisConnection redis, string kernelId, int expected)
    {
        var keys = new StateSigningKeys(cluster.Setting("SOLARA_STATE_SECRET_KEYS").Split(','));
        string key = "solara:state:" + kernelId;
        string seen = "no state hash";
        DateTime deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            IReadOnlyDictionary<string, byte[]>? hash = await redis.HashGetAllAsync(key);
            if (hash?.GetValueOrDefault(ClicksField) is { } envelope)
            {
                EnvelopeOpenResult opened = StateEnvelope.Open(keys, kernelId, ClicksField, envelope);
                Assert.True(opened.Verified, opened.Reason);
                seen = Encoding.UTF8.GetString(opened.Payload);
                if (seen == expected.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{key} field {ClicksField} never held {expected} (last: {seen}).\n{cluster.Logs()}");
    }

    /// <summary>The silo (1-based) named by the kernel's grain directory entry
    /// (<c>{SOLARA_CLUSTER_PREFIX}dir:{grain id}</c>, the grain id ending with the kernel id), waiting
    /// (bounded) while the entry is missing or still names <paramref name="except"/>.</summary>
    private static async Task<int> HostingSiloAsync(LocalCluster cluster, RespRedisConnection redis, string kernelId, int? except)
    {
        const string pattern = "solara:cluster:dir:*"; // SOLARA_CLUSTER_PREFIX's default
        string entry = "";
        DateTime deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            RedisReply keys = await redis.CommandAsync(CancellationToken.None, "KEYS", pattern + kernelId);
            entry = keys.AsArray() is [RedisReply key] ? await ReadAsTextAsync(redis, Encoding.UTF8.GetString(key.AsBytes())) : "";
            int[] named = [.. Enumerable.Range(1, LocalCluster.Silos).Where(n => entry.Contains(cluster.SiloUrl(n), StringComparison.Ordinal))];
            if (named is [int silo] && silo != except)
                return silo;
            await Task.Delay(50);
        }
        RedisReply all = await redis.CommandAsync(CancellationToken.None, "KEYS", pattern);
        string directory = string.Join(", ", all.AsArray().Select(k => Encoding.UTF8.GetString(k.AsBytes())));
        throw new TimeoutException($"no directory entry for kernel {kernelId} named one silo other than {except} (last: '{entry}'; directory keys: {directory}).\n{cluster.Logs()}");
    }

    /// <summary>A string or hash key as text, whatever its encoding (empty when absent).</summary>
    private static async Task<string> ReadAsTextAsync(RespRedisConnection redis, string key)
    {
        string type = (await redis.CommandAsync(CancellationToken.None, "TYPE", key)).Text ?? "";
        return type switch
        {
            "string" => Encoding.UTF8.GetString((await redis.CommandAsync(CancellationToken.None, "GET", key)).AsBytes()),
            "hash" => string.Join(' ', (await redis.CommandAsync(CancellationToken.None, "HGETALL", key)).AsArray().Select(r => Encoding.UTF8.GetString(r.AsBytes()))),
            _ => "",
        };
    }
}
