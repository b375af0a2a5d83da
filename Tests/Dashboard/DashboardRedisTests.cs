using System.Text.Json.Nodes;
using Solara.Orleans.Tests.Infrastructure;
using Solara.Orleans.Tests.Integration.State;

namespace Solara.Orleans.Tests.Dashboard;

/// <summary>The <c>redis</c> block of the silo report, read through the state backend's connection to a real redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class DashboardRedisTests(RedisServerFixture redis)
{
    [Fact]
    public async Task The_report_shows_redis_reachable_with_latency_memory_against_maxmemory_and_the_policy()
    {
        await redis.Admin.CommandAsync(CancellationToken.None, "CONFIG", "SET", "maxmemory", "100mb");
        try
        {
            await using TestServer server = await PersistedServer.StartAsync(
                ("SOLARA_STATE_BACKEND", "redis"), ("SOLARA_STATE_URL", redis.Url()), ("SOLARA_STATE_PREFIX", RedisServerFixture.NewPrefix()));
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

            JsonObject data = JsonNode.Parse(await http.GetStringAsync("/dashboard/data"))!.AsObject();

            JsonObject block = data["silos"]![0]!["redis"]!.AsObject();
            Assert.True((bool?)block["reachable"], block.ToJsonString());
            Assert.True((double?)block["latency_ms"] > 0);
            Assert.True((long?)block["used_memory_bytes"] > 0);
            Assert.Equal(100L * 1024 * 1024, (long?)block["maxmemory_bytes"]);
            Assert.False(string.IsNullOrEmpty((string?)block["maxmemory_policy"]));
        }
        finally
        {
            await redis.Admin.CommandAsync(CancellationToken.None, "CONFIG", "SET", "maxmemory", "0");
        }
    }
}
