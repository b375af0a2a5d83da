using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.State;

/// <summary>The Redis backend passes the whole contract kit against a real <c>redis-server</c>.
/// Each test has its own key prefix; time "passes" by shortening the TTL of every key under it.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStateBackendTests(RedisServerFixture redis) : StateBackendContractTests, IAsyncLifetime
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private RedisStateBackend? _backend;

    protected override IStateBackend Backend => _backend!;

    public Task InitializeAsync()
    {
        _backend = new RedisStateBackend(redis.Connect(timeout: TimeSpan.FromSeconds(5)), _prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_backend is not null)
            await _backend.DisposeAsync();
    }

    protected override Task<IReadOnlyDictionary<string, byte[]>?> ReadRawAsync(string kernelId) => redis.Admin.HashGetAllAsync(_prefix + kernelId);

    protected override Task<TimeSpan?> ReadTimeToLiveAsync(string kernelId) => redis.Admin.TimeToLiveAsync(_prefix + kernelId);

    protected override async Task ElapseAsync(TimeSpan duration)
    {
        RedisReply keys = await redis.Admin.CommandAsync(CancellationToken.None, "KEYS", _prefix + "*");
        foreach (RedisReply key in keys.AsArray())
        {
            long remaining = (await redis.Admin.CommandAsync(CancellationToken.None, "PTTL", key.AsBytes())).AsInteger();
            long shortened = remaining - (long)duration.TotalMilliseconds;
            if (remaining < 0)
                continue;
            if (shortened <= 0)
                await redis.Admin.CommandAsync(CancellationToken.None, "DEL", key.AsBytes());
            else
                await redis.Admin.CommandAsync(CancellationToken.None, "PEXPIRE", key.AsBytes(), shortened);
        }
    }

    [Fact]
    public void The_redis_backend_is_shared_across_processes()
    {
        Assert.True(Backend.IsShared);
    }

    [Fact]
    public async Task Each_kernel_is_one_hash_at_the_prefix_plus_the_kernel_id()
    {
        await Backend.TakeoverAsync("kernel-one", [[1, 2, 3]], "schema", TimeSpan.FromMinutes(1));

        RedisReply type = await redis.Admin.CommandAsync(CancellationToken.None, "TYPE", _prefix + "kernel-one");
        RedisReply keys = await redis.Admin.CommandAsync(CancellationToken.None, "KEYS", _prefix + "*");

        Assert.Equal("hash", type.Text);
        Assert.Single(keys.AsArray());
    }

    [Fact]
    public async Task A_ttl_beyond_what_redis_accepts_is_capped_instead_of_failing()
    {
        FlushResult result = await Backend.FlushAsync("kernel", 1, new Dictionary<string, byte[]>(), [9], "s", TimeSpan.MaxValue);

        Assert.Equal(FlushOutcome.Created, result.Outcome);
        Assert.InRange((await ReadTimeToLiveAsync("kernel"))!.Value, TimeSpan.FromDays(36_000), TimeSpan.FromDays(36_500));
    }
}
