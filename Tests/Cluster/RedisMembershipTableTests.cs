using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Cluster;

/// <summary>The Redis membership table against a real <c>redis-server</c>: versioned compare-and-swap,
/// Dead rows that never come back, heartbeats on Redis' clock that never change the version.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisMembershipTableTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private Solara.Orleans.Cluster.Redis.RespRedisConnection? _connection;
    private RedisMembershipTable _table = null!;

    public Task InitializeAsync()
    {
        _connection = redis.Connect(timeout: TimeSpan.FromSeconds(5));
        _table = new RedisMembershipTable(_connection, _prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    private static SiloAddress Silo(string name, long generation = 1) => new($"http://{name}:9101", generation);

    private static MembershipEntry Entry(SiloAddress silo, SiloStatus status, long? capacity = null) =>
        new(silo, status, DateTimeOffset.UnixEpoch, 0, capacity);

    [Fact]
    public async Task An_empty_table_is_at_version_zero_on_the_redis_clock()
    {
        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        DateTimeOffset redisNow = await redis.Admin.TimeAsync();

        Assert.Equal(0, snapshot.Version);
        Assert.Empty(snapshot.Entries);
        Assert.InRange((redisNow - snapshot.Now).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_status_write_at_the_current_version_creates_the_row_and_bumps_the_version()
    {
        SiloAddress silo = Silo("a", 638_000_000_000_000_123);

        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Joining, capacity: 500), 0));

        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        MembershipEntry row = Assert.Single(snapshot.Entries);
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(silo, row.Silo);
        Assert.Equal(SiloStatus.Joining, row.Status);
        Assert.Equal(500, row.Capacity);
        Assert.InRange(snapshot.Now - row.StartTime, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Equal(row.StartTime, row.IAmAliveTime);
        Assert.Contains(RedisSiloField.Of(silo), (await redis.Admin.HashGetAllAsync(_table.MembershipKey))!.Keys);
    }

    [Fact]
    public async Task A_write_at_a_stale_version_is_refused_and_changes_nothing()
    {
        SiloAddress silo = Silo("a");
        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Joining), 0));

        Assert.False(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Active), 0));

        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(SiloStatus.Joining, snapshot.Find(silo)!.Status);
    }

    [Fact]
    public async Task Concurrent_writers_at_one_version_have_exactly_one_winner()
    {
        Task<bool>[] writers = Enumerable.Range(0, 24)
            .Select(i => Task.Run(() => _table.TryUpdateStatusAsync(Entry(Silo($"s{i}"), SiloStatus.Joining), 0)))
            .ToArray();

        bool[] outcomes = await Task.WhenAll(writers);

        Assert.Equal(1, outcomes.Count(won => won));
        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        Assert.Equal(1, snapshot.Version);
        Assert.Single(snapshot.Entries);
    }

    [Fact]
    public async Task A_dead_row_never_changes_again()
    {
        SiloAddress silo = Silo("a");
        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Active), 0));
        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Dead), 1));

        foreach (SiloStatus status in (SiloStatus[])[SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Dead])
            Assert.False(await _table.TryUpdateStatusAsync(Entry(silo, status), 2));

        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        Assert.Equal(2, snapshot.Version);
        Assert.Equal(SiloStatus.Dead, snapshot.Find(silo)!.Status);
    }

    [Fact]
    public async Task Status_changes_keep_the_start_time()
    {
        SiloAddress silo = Silo("a");
        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Joining), 0));
        DateTimeOffset started = (await _table.ReadAllAsync()).Find(silo)!.StartTime;
        await WaitForRedisClockToPassAsync(started);

        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Active), 1));

        Assert.Equal(started, (await _table.ReadAllAsync()).Find(silo)!.StartTime);
    }

    [Fact]
    public async Task A_heartbeat_renews_the_lease_on_the_redis_clock_and_reports_the_load_without_a_new_version()
    {
        SiloAddress silo = Silo("a");
        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Active), 0));
        DateTimeOffset joined = (await _table.ReadAllAsync()).Find(silo)!.IAmAliveTime;
        await WaitForRedisClockToPassAsync(joined);

        HeartbeatResult result = await _table.HeartbeatAsync(silo, 42);

        Assert.False(result.DeclaredDead);
        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        MembershipEntry row = snapshot.Find(silo)!;
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(42, row.Activations);
        Assert.True(row.IAmAliveTime > joined);
        Assert.Equal(result.Now.ToUnixTimeMilliseconds(), row.IAmAliveTime.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task The_heartbeat_of_a_dead_silo_reports_declared_dead_and_writes_nothing()
    {
        SiloAddress silo = Silo("a");
        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Active), 0));
        Assert.True(await _table.TryUpdateStatusAsync(Entry(silo, SiloStatus.Dead), 1));
        MembershipEntry before = (await _table.ReadAllAsync()).Find(silo)!;
        await WaitForRedisClockToPassAsync(before.IAmAliveTime);

        HeartbeatResult result = await _table.HeartbeatAsync(silo, 7);

        Assert.True(result.DeclaredDead);
        MembershipEntry after = (await _table.ReadAllAsync()).Find(silo)!;
        Assert.Equal(before.IAmAliveTime, after.IAmAliveTime);
        Assert.Equal(0, after.Activations);
    }

    [Fact]
    public async Task The_heartbeat_of_a_silo_without_a_row_reports_declared_dead_and_creates_nothing()
    {
        HeartbeatResult result = await _table.HeartbeatAsync(Silo("ghost"), 1);

        Assert.True(result.DeclaredDead);
        Assert.Null(await redis.Admin.HashGetAllAsync(_table.HeartbeatsKey));
        Assert.Empty((await _table.ReadAllAsync()).Entries);
    }

    [Fact]
    public async Task Only_dead_rows_are_removed_and_only_at_the_current_version()
    {
        SiloAddress alive = Silo("alive"), dead = Silo("dead");
        Assert.True(await _table.TryUpdateStatusAsync(Entry(alive, SiloStatus.Active), 0));
        Assert.True(await _table.TryUpdateStatusAsync(Entry(dead, SiloStatus.Active), 1));
        Assert.True(await _table.TryUpdateStatusAsync(Entry(dead, SiloStatus.Dead), 2));

        Assert.False(await _table.TryRemoveAsync(alive, 3));
        Assert.False(await _table.TryRemoveAsync(dead, 2));
        Assert.True(await _table.TryRemoveAsync(dead, 3));

        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        Assert.Equal(4, snapshot.Version);
        Assert.Equal([alive], snapshot.Entries.Select(e => e.Silo));
        Assert.DoesNotContain(RedisSiloField.Of(dead), (await redis.Admin.HashGetAllAsync(_table.HeartbeatsKey))!.Keys);
    }

    [Fact]
    public async Task Generations_of_one_endpoint_are_separate_rows()
    {
        SiloAddress first = Silo("a", 1), second = Silo("a", 2);
        Assert.True(await _table.TryUpdateStatusAsync(Entry(first, SiloStatus.Dead), 0));
        Assert.True(await _table.TryUpdateStatusAsync(Entry(second, SiloStatus.Active), 1));

        MembershipSnapshot snapshot = await _table.ReadAllAsync();
        Assert.Equal(SiloStatus.Dead, snapshot.Find(first)!.Status);
        Assert.Equal(SiloStatus.Active, snapshot.Find(second)!.Status);
        Assert.False((await _table.HeartbeatAsync(second, 0)).DeclaredDead);
    }

    private async Task WaitForRedisClockToPassAsync(DateTimeOffset instant)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        while ((await redis.Admin.TimeAsync()).ToUnixTimeMilliseconds() <= instant.ToUnixTimeMilliseconds())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the Redis clock did not advance");
            await Task.Yield();
        }
    }
}
