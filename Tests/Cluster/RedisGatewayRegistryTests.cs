using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Gateways;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>The Redis gateway registry against a real <c>redis-server</c>.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisGatewayRegistryTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private RespRedisConnection? _connection;

    public Task InitializeAsync()
    {
        _connection = redis.Connect(timeout: TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    [Fact]
    public async Task A_heartbeat_lists_the_gateway_with_its_load_seen_on_the_redis_clock()
    {
        var registry = new RedisGatewayRegistry(_connection!, _prefix, TimeSpan.FromMinutes(1));
        DateTimeOffset started = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

        await registry.HeartbeatAsync("http://gw1:8080", started, 3);
        await registry.HeartbeatAsync("http://gw1:8080", started, 5);
        await registry.HeartbeatAsync("http://gw2:8080", started, 0);

        IReadOnlyList<GatewayInfo> gateways = await registry.ListAsync();
        DateTimeOffset redisNow = await redis.Admin.TimeAsync();
        GatewayInfo gw1 = Assert.Single(gateways, g => g.Endpoint == "http://gw1:8080");
        Assert.Equal(2, gateways.Count);
        Assert.Equal(started, gw1.StartTime);
        Assert.Equal(5, gw1.OpenSockets);
        Assert.InRange(redisNow - gw1.LastSeen, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_removed_gateway_is_no_longer_listed()
    {
        var registry = new RedisGatewayRegistry(_connection!, _prefix, TimeSpan.FromMinutes(1));
        await registry.HeartbeatAsync("http://gw1:8080", DateTimeOffset.UtcNow, 1);

        await registry.RemoveAsync("http://gw1:8080");

        Assert.Empty(await registry.ListAsync());
    }

    [Fact]
    public async Task A_gateway_that_stops_renewing_is_forgotten()
    {
        var registry = new RedisGatewayRegistry(_connection!, _prefix, TimeSpan.FromMilliseconds(300));
        await registry.HeartbeatAsync("http://gone:8080", DateTimeOffset.UtcNow, 1);
        Assert.Single(await registry.ListAsync());

        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while ((await registry.ListAsync()).Count > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the silent gateway was still listed after 10s");
            await Task.Delay(25);
        }

        Assert.Null(await redis.Admin.HashGetAllAsync(registry.Key));
    }
}
