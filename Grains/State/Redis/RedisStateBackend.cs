using Solara.Orleans.Cluster.Redis;
using System.Globalization;
using System.Text;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;

namespace Solara.Orleans.Grains.State.Redis;

/// <summary>The shared backend (<c>SOLARA_STATE_BACKEND=redis</c>): one Redis hash per kernel at
/// <c>{prefix}{kernel_id}</c> with the same fields and bytes as <see cref="MemoryStateBackend"/>.
/// Takeover, flush, delete and peek are each one Lua script (<see cref="RedisStateScripts"/>), so
/// each is atomic and touches one key (one cluster slot). The TTL is set on every write and every
/// successful takeover. Every call is bounded by <c>SOLARA_STATE_CONNECT_TIMEOUT</c> and throws
/// <see cref="RedisTimeoutException"/> or <see cref="RedisCallException"/>; what to do then
/// (breaker, degraded mode) is the caller's decision.</summary>
public sealed class RedisStateBackend(IRedisConnection connection, string prefix) : IStateBackend, IAsyncDisposable
{
    /// <summary>TTLs are capped here (~100 years) so <c>PEXPIRE</c> never overflows the server's clock arithmetic.</summary>
    private static readonly TimeSpan MaxTtl = TimeSpan.FromDays(36_500);

    private static readonly IReadOnlyDictionary<string, byte[]> Empty = new Dictionary<string, byte[]>();

    /// <summary>A backend for the configured URL, prefix and timeout (no I/O until the first call).</summary>
    public static RedisStateBackend Create(StateOptions options) =>
        new(new RespRedisConnection(RedisEndpoint.Parse(options.Url), options.ConnectTimeout), options.Prefix);

    public bool IsShared => true;

    /// <summary>The Redis key of one kernel's hash.</summary>
    public string KeyOf(string kernelId) => prefix + kernelId;

    public async Task<TakeoverResult> TakeoverAsync(string kernelId, IReadOnlyList<byte[]> sessionHmacs, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Takeover(kernelId, sessionHmacs, ttl);
        byte[][] arguments = [Utf8(schemaTag), Milliseconds(ttl), .. sessionHmacs];
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisStateScripts.Takeover, [KeyOf(kernelId)], arguments, cancellationToken)).AsArray();
        return reply[0].AsInteger() switch
        {
            0 => new TakeoverResult(TakeoverOutcome.Miss, 1, Empty),
            1 => new TakeoverResult(TakeoverOutcome.IdentityMismatch, 0, Empty),
            2 => new TakeoverResult(TakeoverOutcome.SchemaReset, 1, Empty),
            3 => new TakeoverResult(TakeoverOutcome.Restored, reply[1].AsInteger(), ValueFields(reply[2].AsArray())),
            var code => throw UnknownOutcome("takeover", code),
        };
    }

    public async Task<FlushResult> FlushAsync(string kernelId, long generation, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Flush(kernelId, fields, sessionHmac, ttl);
        if (generation <= 0)
            return new FlushResult(FlushOutcome.NoWriteRights);
        var arguments = new List<byte[]>(4 + 2 * fields.Count) { Decimal(generation), sessionHmac, Utf8(schemaTag), Milliseconds(ttl) };
        foreach ((string field, byte[] value) in fields)
        {
            arguments.Add(Utf8(field));
            arguments.Add(value);
        }
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisStateScripts.Flush, [KeyOf(kernelId)], arguments, cancellationToken)).AsArray();
        return reply[0].AsInteger() switch
        {
            0 => new FlushResult(FlushOutcome.Written),
            1 => new FlushResult(FlushOutcome.Created),
            2 => new FlushResult(FlushOutcome.Stale, StoredGeneration(reply)),
            3 => new FlushResult(FlushOutcome.Missing),
            var code => throw UnknownOutcome("flush", code),
        };
    }

    public async Task<DeleteResult> DeleteAsync(string kernelId, long? generation, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Kernel(kernelId);
        byte[] fence = generation is { } g ? Decimal(g) : [];
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisStateScripts.Delete, [KeyOf(kernelId)], [fence], cancellationToken)).AsArray();
        return reply[0].AsInteger() switch
        {
            0 => new DeleteResult(DeleteOutcome.Deleted),
            1 => new DeleteResult(DeleteOutcome.Missing),
            2 => new DeleteResult(DeleteOutcome.Stale, StoredGeneration(reply)),
            var code => throw UnknownOutcome("delete", code),
        };
    }

    public async Task<long?> PeekGenerationAsync(string kernelId, CancellationToken cancellationToken = default)
    {
        StateBackendArguments.Kernel(kernelId);
        RedisReply reply = await connection.EvaluateAsync(RedisStateScripts.PeekGeneration, [KeyOf(kernelId)], [], cancellationToken);
        return reply.IsNil ? null : reply.AsInteger();
    }

    /// <summary>The kernel's stored hash (values and meta fields) for operations views; null when absent.</summary>
    public Task<IReadOnlyDictionary<string, byte[]>?> ReadHashAsync(string kernelId, CancellationToken cancellationToken = default) =>
        connection.HashGetAllAsync(KeyOf(kernelId), cancellationToken);

    /// <summary><c>INFO memory</c> as Redis prints it; null when the connection cannot run arbitrary commands.</summary>
    public async Task<string?> MemoryInfoAsync(CancellationToken cancellationToken = default) =>
        connection is RespRedisConnection resp ? Encoding.UTF8.GetString((await resp.CommandAsync(cancellationToken, "INFO", "memory")).AsBytes()) : null;

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private static IReadOnlyDictionary<string, byte[]> ValueFields(IReadOnlyList<RedisReply> hash)
    {
        var fields = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < hash.Count; i += 2)
        {
            string field = Encoding.UTF8.GetString(hash[i].AsBytes());
            if (!StateHashFields.IsMeta(field))
                fields[field] = hash[i + 1].AsBytes();
        }
        return fields;
    }

    private static long? StoredGeneration(IReadOnlyList<RedisReply> reply) =>
        reply.Count > 1 && !reply[1].IsNil && reply[1] is { Kind: RedisReplyKind.BulkString } stored
        && long.TryParse(Encoding.ASCII.GetString(stored.Bytes!), NumberStyles.None, CultureInfo.InvariantCulture, out long generation)
            ? generation
            : null;

    private static RedisProtocolException UnknownOutcome(string script, long code) =>
        new($"the Redis {script} script returned the unknown outcome {code} (is another version of this backend sharing SOLARA_STATE_PREFIX?)");

    private static byte[] Milliseconds(TimeSpan ttl) => Decimal((long)Math.Ceiling((ttl > MaxTtl ? MaxTtl : ttl).TotalMilliseconds));

    private static byte[] Decimal(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
