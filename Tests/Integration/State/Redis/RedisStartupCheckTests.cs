using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Silo;
using Solara.Orleans.Tests.Infrastructure;

namespace Solara.Orleans.Tests.Integration.State.Redis;

/// <summary>The start-up check of the Redis backend: reachable and authenticated, and the eviction policy reported.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStartupCheckTests(RedisServerFixture redis)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly List<string> _info = [], _warnings = [];

    private Task CheckAsync(string url) =>
        RedisStartupCheck.RunAsync(new StateOptions { Backend = StateOptions.RedisBackend, Url = url }, _info.Add, _warnings.Add);

    [Fact]
    public async Task A_noeviction_server_is_reported_without_a_warning()
    {
        await CheckAsync(redis.Url());

        Assert.Equal(["redis maxmemory-policy=noeviction"], _info);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task An_evicting_policy_is_a_loud_warning()
    {
        await redis.Admin.CommandAsync(CancellationToken.None, "CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        try
        {
            await CheckAsync(redis.Url());
        }
        finally
        {
            await redis.Admin.CommandAsync(CancellationToken.None, "CONFIG", "SET", "maxmemory-policy", "noeviction");
        }

        Assert.Empty(_info);
        string warning = Assert.Single(_warnings);
        Assert.StartsWith("redis maxmemory-policy=allkeys-lru: set maxmemory-policy noeviction", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_refuse_start_up_naming_the_setting_but_not_the_password()
    {
        var error = await Assert.ThrowsAsync<SettingsException>(() => CheckAsync(redis.Url("nobody:not-the-password")));

        Assert.StartsWith("SOLARA_STATE_URL: Redis did not accept a connection", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_redis_refuses_start_up_of_the_server_process()
    {
        await using SiloProcess silo = SiloProcess.Start(["--host", "127.0.0.1", "--port", SiloProcess.FreePort().ToString()], new Dictionary<string, string>
        {
            ["SOLARA_STATE_BACKEND"] = "redis",
            ["SOLARA_STATE_URL"] = "redis://:secret-pass@127.0.0.1:1/0",
            ["SOLARA_STATE_SECRET_KEYS"] = "a-real-secret",
        });

        int exitCode = await silo.Exited.WaitAsync(StartTimeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("solara: refusing to start: SOLARA_STATE_URL: Redis did not accept a connection", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pass", silo.Output, StringComparison.Ordinal);
    }
}
