namespace Solara.Orleans.Cluster.Redis;

/// <summary>The little of Redis the state backend needs, so nothing else depends on a client
/// library. Every call is bounded by the connection's timeout and throws
/// <see cref="RedisTimeoutException"/> when it passes, <see cref="RedisCallException"/> on a
/// broken connection or an error reply.</summary>
public interface IRedisConnection : IAsyncDisposable
{
    /// <summary>Runs <paramref name="script"/> by SHA (<c>EVALSHA</c>), falling back to <c>EVAL</c> once when the server answers <c>NOSCRIPT</c>.</summary>
    Task<RedisReply> EvaluateAsync(RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<byte[]> arguments, CancellationToken cancellationToken = default);

    /// <summary><c>HGETALL</c>: the hash's fields, or null when there is no such key.</summary>
    Task<IReadOnlyDictionary<string, byte[]>?> HashGetAllAsync(string key, CancellationToken cancellationToken = default);

    /// <summary><c>PTTL</c>: the key's remaining lifetime; null when there is no such key, <see cref="TimeSpan.MaxValue"/> when it never expires.</summary>
    Task<TimeSpan?> TimeToLiveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary><c>TIME</c>: the server's clock (one clock for the whole fleet).</summary>
    Task<DateTimeOffset> TimeAsync(CancellationToken cancellationToken = default);
}
