using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Cluster.Membership;

/// <summary>The membership table in Redis: the hash <c>{prefix}membership</c> holds <c>version</c> and one
/// JSON row per silo (endpoint, generation, status, start time, capacity); status changes are a Lua
/// compare-and-swap on the version, and a Dead row never changes again. Heartbeats are single-owner
/// writes to <c>{prefix}heartbeats</c> stamped with Redis <c>TIME</c>. A heartbeat whose row is Dead
/// <em>or missing</em> reports <see cref="HeartbeatResult.DeclaredDead"/>: a silo heartbeats only after
/// its row exists, and rows are only ever removed once Dead (or when the table was wiped), so either
/// way it must stop and rejoin with a new generation.</summary>
public sealed class RedisMembershipTable(IRedisConnection connection, string prefix) : IMembershipTable
{
    private readonly string[] _keys = [prefix + "membership", prefix + "heartbeats"];

    /// <summary>The membership hash (version and rows).</summary>
    public string MembershipKey => _keys[0];

    /// <summary>The heartbeat hash (Redis time in ms and activation count per silo).</summary>
    public string HeartbeatsKey => _keys[1];

    public async Task<MembershipSnapshot> ReadAllAsync()
    {
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisMembershipScripts.ReadAll, _keys, [])).AsArray();
        long version = reply[0].AsInteger();
        Dictionary<string, byte[]> heartbeats = Pairs(reply[2].AsArray());
        var entries = new List<MembershipEntry>();
        foreach ((string field, byte[] json) in Pairs(reply[1].AsArray()))
        {
            if (field == "version")
                continue;
            entries.Add(ToEntry(field, json, heartbeats.GetValueOrDefault(field)));
        }
        return new MembershipSnapshot(version, entries, Milliseconds(reply[3].AsInteger()));
    }

    public async Task<bool> TryUpdateStatusAsync(MembershipEntry entry, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(entry);
        byte[][] arguments =
        [
            Decimal(expectedVersion), Utf8(RedisSiloField.Of(entry.Silo)), Utf8(entry.Silo.Endpoint),
            Utf8(RedisSiloField.Generation(entry.Silo)), Utf8(entry.Status.ToString()),
            entry.Capacity is { } capacity ? Decimal(capacity) : [],
        ];
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisMembershipScripts.UpdateStatus, _keys, arguments)).AsArray();
        return reply[0].AsInteger() switch
        {
            0 or 1 => false,
            2 => true,
            var code => throw UnknownOutcome("update_status", code),
        };
    }

    public async Task<HeartbeatResult> HeartbeatAsync(SiloAddress silo, int activations)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfNegative(activations);
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisMembershipScripts.Heartbeat, _keys,
            [Utf8(RedisSiloField.Of(silo)), Decimal(activations)])).AsArray();
        DateTimeOffset now = Milliseconds(reply[1].AsInteger());
        return reply[0].AsInteger() switch
        {
            0 => new HeartbeatResult(false, now),
            1 => new HeartbeatResult(true, now),
            var code => throw UnknownOutcome("heartbeat", code),
        };
    }

    public async Task<bool> TryRemoveAsync(SiloAddress silo, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(silo);
        RedisReply reply = await connection.EvaluateAsync(RedisMembershipScripts.Remove, _keys, [Decimal(expectedVersion), Utf8(RedisSiloField.Of(silo))]);
        return reply.AsInteger() == 1;
    }

    private MembershipEntry ToEntry(string field, byte[] json, byte[]? heartbeat)
    {
        Row row = JsonSerializer.Deserialize<Row>(json) ?? throw Corrupt(field, "is not a JSON object");
        if (row.Endpoint is null || row.Generation is null || row.StartTime is null || !Enum.TryParse(row.Status, out SiloStatus status))
            throw Corrupt(field, "lacks endpoint, generation, start time or a known status");
        var silo = new SiloAddress(row.Endpoint, RedisSiloField.ParseGeneration(row.Generation, $"the membership row '{field}'"));
        DateTimeOffset startTime = Milliseconds(ParseLong(row.StartTime, field));
        (DateTimeOffset alive, int activations) = (startTime, 0);
        if (heartbeat is not null)
        {
            string[] parts = Encoding.ASCII.GetString(heartbeat).Split(':');
            alive = Milliseconds(ParseLong(parts[0], field));
            activations = parts.Length > 1 ? (int)ParseLong(parts[1], field) : 0;
        }
        long? capacity = row.Capacity is null ? null : ParseLong(row.Capacity, field);
        return new MembershipEntry(silo, status, alive, activations, capacity) { StartTime = startTime };
    }

    private long ParseLong(string text, string field) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Corrupt(field, $"holds '{text}' where an integer was expected");

    private RedisProtocolException Corrupt(string field, string problem) =>
        new($"the membership row '{field}' in {MembershipKey} {problem} (is another version of this table sharing SOLARA_CLUSTER_PREFIX?)");

    private static RedisProtocolException UnknownOutcome(string script, long code) =>
        new($"the Redis membership {script} script returned the unknown outcome {code} (is another version of this table sharing SOLARA_CLUSTER_PREFIX?)");

    private static Dictionary<string, byte[]> Pairs(IReadOnlyList<RedisReply> hash)
    {
        var pairs = new Dictionary<string, byte[]>(hash.Count / 2, StringComparer.Ordinal);
        for (int i = 0; i + 1 < hash.Count; i += 2)
            pairs[Encoding.UTF8.GetString(hash[i].AsBytes())] = hash[i + 1].AsBytes();
        return pairs;
    }

    private static DateTimeOffset Milliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static byte[] Decimal(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private sealed record Row(
        [property: JsonPropertyName("endpoint")] string? Endpoint,
        [property: JsonPropertyName("generation")] string? Generation,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("startTime")] string? StartTime,
        [property: JsonPropertyName("capacity")] string? Capacity);
}
