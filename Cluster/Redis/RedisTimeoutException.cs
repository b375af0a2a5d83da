namespace Solara.Orleans.Cluster.Redis;

/// <summary>A Redis call did not finish within the connection's timeout (named by
/// <paramref name="setting"/>). The call's connection is discarded (its reply may still arrive), so
/// the operation may or may not have been applied: a takeover that timed out must be treated as "no
/// write rights", a flush as "still dirty". The caller decides; the client never retries on its own.</summary>
public sealed class RedisTimeoutException(string operation, TimeSpan timeout, string server, string setting)
    : TimeoutException($"Redis {operation} at {server} did not answer within {timeout.TotalMilliseconds:0.###}ms ({setting})")
{
    public TimeSpan Timeout { get; } = timeout;
}
