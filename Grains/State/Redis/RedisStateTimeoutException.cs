namespace Solara.Orleans.Grains.State.Redis;

/// <summary>A backend call did not finish within <c>SOLARA_STATE_CONNECT_TIMEOUT</c>. The call's
/// connection is discarded (its reply may still arrive), so the operation may or may not have been
/// applied: a takeover that timed out must be treated as "no write rights", a flush as "still
/// dirty". The caller decides; this backend never retries on its own.</summary>
public sealed class RedisStateTimeoutException(string operation, TimeSpan timeout, string server)
    : TimeoutException($"Redis {operation} at {server} did not answer within {timeout.TotalMilliseconds:0.###}ms (SOLARA_STATE_CONNECT_TIMEOUT)")
{
    public TimeSpan Timeout { get; } = timeout;
}
