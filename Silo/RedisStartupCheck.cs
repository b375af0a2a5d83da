using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State.Redis;

namespace Solara.Orleans.Silo;

/// <summary>Start-up check of <c>SOLARA_STATE_BACKEND=redis</c>: a <c>PING</c> proves the URL and
/// credentials (a failure refuses start-up, naming <c>SOLARA_STATE_URL</c>, never its password), then
/// the server's <c>maxmemory-policy</c> is reported; anything but <c>noeviction</c> is a loud warning,
/// because an evicting policy silently drops live session state. Managed servers that refuse
/// <c>CONFIG</c> only get a warning that the policy could not be read.</summary>
public static class RedisStartupCheck
{
    /// <summary>The least time the check waits for Redis, even with a tighter <c>SOLARA_STATE_CONNECT_TIMEOUT</c>.</summary>
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Runs the check; <paramref name="info"/> and <paramref name="warning"/> receive one line each.</summary>
    public static async Task RunAsync(StateOptions options, Action<string> info, Action<string> warning)
    {
        TimeSpan timeout = options.ConnectTimeout > MinimumTimeout ? options.ConnectTimeout : MinimumTimeout;
        await using var connection = new RespRedisConnection(RedisEndpoint.Parse(options.Url), timeout);
        try
        {
            await connection.CommandAsync(CancellationToken.None, "PING");
        }
        catch (Exception e) when (e is RedisCallException or RedisServerException or TimeoutException or IOException)
        {
            throw new SettingsException("SOLARA_STATE_URL",
                $"SOLARA_STATE_URL: Redis did not accept a connection ({e.Message}); check the host, port, database, user and password");
        }
        string? policy;
        try
        {
            IReadOnlyList<RedisReply> reply = (await connection.CommandAsync(CancellationToken.None, "CONFIG", "GET", "maxmemory-policy")).AsArray();
            policy = reply.Count >= 2 ? System.Text.Encoding.UTF8.GetString(reply[1].AsBytes()) : null;
        }
        catch (Exception e) when (e is RedisCallException or RedisServerException or TimeoutException or IOException)
        {
            warning($"could not read the Redis maxmemory-policy ({e.Message}); make sure it is noeviction, an evicting policy silently drops live session state");
            return;
        }
        if (policy == "noeviction")
            info("redis maxmemory-policy=noeviction");
        else
            warning($"redis maxmemory-policy={policy ?? "unknown"}: set maxmemory-policy noeviction on the state Redis; under memory pressure this policy silently evicts live session state");
    }
}
