using System.Diagnostics;
using System.Text;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.State;

/// <summary>What the Redis backend must do beyond the contract kit: stay atomic across separate
/// connections, survive a flushed script cache, authenticate as an ACL user, honour the database
/// number, and give up on a stalled server within SOLARA_STATE_CONNECT_TIMEOUT.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisBackendOperationsTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly byte[] Session = [.. Enumerable.Repeat((byte)7, 32)];
    private readonly string _prefix = RedisServerFixture.NewPrefix();

    private RedisStateBackend Backend(string? url = null, TimeSpan? timeout = null) =>
        new(redis.Connect(url, timeout ?? TimeSpan.FromSeconds(5)), _prefix);

    [Fact]
    public async Task Sixteen_instances_taking_over_at_once_get_generations_1_to_16()
    {
        RedisStateBackend[] instances = [.. Enumerable.Range(0, 16).Select(_ => Backend())];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TakeoverResult>[] takeovers = [.. instances.Select(instance => Task.Run(async () =>
        {
            await start.Task;
            return await instance.TakeoverAsync("kernel", [Session], "schema", Ttl);
        }))];

        start.SetResult();
        TakeoverResult[] results = await Task.WhenAll(takeovers);

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), results.Select(r => r.Generation).Order());
        Assert.Single(results, r => r.Outcome == TakeoverOutcome.Miss);
        foreach (RedisStateBackend instance in instances)
            await instance.DisposeAsync();
    }

    [Fact]
    public async Task A_flushed_script_cache_is_reloaded_on_noscript()
    {
        await using RedisStateBackend backend = Backend();
        Assert.Equal(FlushOutcome.Created, (await backend.FlushAsync("kernel", 1, Values("1"), Session, "schema", Ttl)).Outcome);

        await redis.Admin.CommandAsync(CancellationToken.None, "SCRIPT", "FLUSH");
        Assert.Equal(0, await ScriptExistsAsync(RedisStateScripts.Flush));
        FlushResult after = await backend.FlushAsync("kernel", 1, Values("2"), Session, "schema", Ttl);

        Assert.Equal(FlushOutcome.Written, after.Outcome);
        Assert.Equal("2"u8.ToArray(), (await redis.Admin.HashGetAllAsync(_prefix + "kernel"))!["reactive:count"]);
        Assert.Equal(1, await ScriptExistsAsync(RedisStateScripts.Flush));
    }

    [Fact]
    public async Task An_acl_user_from_the_url_can_use_the_backend_within_its_key_pattern()
    {
        string user = "solara-" + Guid.NewGuid().ToString("N")[..8];
        await redis.Admin.CommandAsync(CancellationToken.None, "ACL", "SETUSER", user, "on", ">acl-pass", $"~{_prefix}*", "+@all");
        try
        {
            await using RedisStateBackend backend = Backend(redis.Url($"{user}:acl-pass"));

            TakeoverResult result = await backend.TakeoverAsync("kernel", [Session], "schema", Ttl);

            Assert.Equal(TakeoverOutcome.Miss, result.Outcome);
            await using RespRedisConnection asUser = redis.Connect(redis.Url($"{user}:acl-pass"));
            RedisReply whoami = await asUser.CommandAsync(CancellationToken.None, "ACL", "WHOAMI");
            Assert.Equal(user, Encoding.UTF8.GetString(whoami.AsBytes()));
        }
        finally
        {
            await redis.Admin.CommandAsync(CancellationToken.None, "ACL", "DELUSER", user);
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_server_error_and_without_the_password()
    {
        string user = "solara-" + Guid.NewGuid().ToString("N")[..8];
        await redis.Admin.CommandAsync(CancellationToken.None, "ACL", "SETUSER", user, "on", ">right-pass", "~*", "+@all");
        try
        {
            await using RedisStateBackend backend = Backend(redis.Url($"{user}:wrong-pass"));

            RedisServerException error = await Assert.ThrowsAsync<RedisServerException>(() => backend.PeekGenerationAsync("kernel"));

            Assert.StartsWith("WRONGPASS", error.Error, StringComparison.Ordinal);
            Assert.Contains(user, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-pass", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await redis.Admin.CommandAsync(CancellationToken.None, "ACL", "DELUSER", user);
        }
    }

    [Fact]
    public async Task The_database_number_in_the_url_is_the_one_written()
    {
        await using RedisStateBackend backend = Backend(redis.Url(database: 3));
        await using RespRedisConnection database3 = redis.Connect(redis.Url(database: 3));

        await backend.FlushAsync("kernel", 1, Values("1"), Session, "schema", Ttl);

        Assert.NotNull(await database3.HashGetAllAsync(_prefix + "kernel"));
        Assert.Null(await redis.Admin.HashGetAllAsync(_prefix + "kernel"));
    }

    [Fact]
    public async Task A_unix_socket_url_with_a_database_reaches_the_same_server()
    {
        await using RedisStateBackend backend = Backend($"unix://{redis.UnixSocket}?db=2");
        await using RespRedisConnection database2 = redis.Connect(redis.Url(database: 2));

        await backend.FlushAsync("kernel", 1, Values("1"), Session, "schema", Ttl);

        Assert.Equal("1"u8.ToArray(), (await database2.HashGetAllAsync(_prefix + "kernel"))!["reactive:count"]);
    }

    [Fact]
    public async Task A_call_to_a_stalled_server_times_out_after_the_connect_timeout_and_the_next_call_recovers()
    {
        TimeSpan timeout = TimeSpan.FromMilliseconds(150);
        await using RedisStateBackend backend = Backend(timeout: timeout);
        await backend.TakeoverAsync("kernel", [Session], "schema", Ttl);

        await redis.Admin.CommandAsync(CancellationToken.None, "CLIENT", "PAUSE", 1500, "ALL");
        var clock = Stopwatch.StartNew();
        RedisTimeoutException error = await Assert.ThrowsAsync<RedisTimeoutException>(() => backend.TakeoverAsync("kernel", [Session], "schema", Ttl));
        clock.Stop();
        await redis.Admin.CommandAsync(CancellationToken.None, "PING"); // answers once the pause ends

        Assert.InRange(clock.Elapsed, timeout, TimeSpan.FromMilliseconds(1000));
        Assert.Equal(timeout, error.Timeout);
        Assert.Contains("SOLARA_STATE_CONNECT_TIMEOUT", error.Message, StringComparison.Ordinal);
        Assert.Equal(TakeoverOutcome.Restored, (await backend.TakeoverAsync("kernel", [Session], "schema", Ttl)).Outcome);
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_a_backend_error_naming_the_server()
    {
        await using RedisStateBackend backend = Backend("redis://:secret-pass@127.0.0.1:1/0");

        RedisCallException error = await Assert.ThrowsAsync<RedisCallException>(() => backend.PeekGenerationAsync("kernel"));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_clock_is_read_with_time()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;

        DateTimeOffset server = await redis.Admin.TimeAsync();

        Assert.InRange(server, before - TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5));
        Assert.NotEqual(0, server.Ticks % TimeSpan.TicksPerSecond);
    }

    private static Dictionary<string, byte[]> Values(string count) => new() { ["reactive:count"] = Encoding.UTF8.GetBytes(count) };

    private async Task<long> ScriptExistsAsync(RedisScript script) =>
        (await redis.Admin.CommandAsync(CancellationToken.None, "SCRIPT", "EXISTS", script.Sha1)).AsArray()[0].AsInteger();
}
