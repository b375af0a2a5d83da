using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Cluster.Membership;

/// <summary>The Lua scripts behind <see cref="RedisMembershipTable"/>. KEYS[1] is the membership hash
/// (<c>version</c> plus one JSON row per silo, field <c>endpoint@generation</c>), KEYS[2] the heartbeat
/// hash (field per silo: <c>milliseconds:activations</c> on Redis' clock). Time is always Redis
/// <c>TIME</c> read inside the script, so every silo is judged on one clock.</summary>
public static class RedisMembershipScripts
{
    private const string Now = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """;

    /// <summary>No ARGV. Reply: {version, membership HGETALL, heartbeats HGETALL, now in ms}.</summary>
    public static readonly RedisScript ReadAll = new("membership_read_all", Now + """
        local version = redis.call('HGET', KEYS[1], 'version') or '0'
        return {version, redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), now}
        """);

    /// <summary>ARGV: expected version, silo field, endpoint, generation, status, capacity ("" for none).
    /// Reply: {0, version} version conflict · {1} the row is Dead (never changes again) · {2, version} written.
    /// A new row keeps its start time from then on, and gets a first heartbeat so its age starts now.</summary>
    public static readonly RedisScript UpdateStatus = new("membership_update_status", Now + """
        local version = redis.call('HGET', KEYS[1], 'version') or '0'
        if version ~= ARGV[1] then
          return {0, version}
        end
        local current = redis.call('HGET', KEYS[1], ARGV[2])
        local startTime = tostring(now)
        if current then
          local row = cjson.decode(current)
          if row.status == 'Dead' then
            return {1}
          end
          startTime = row.startTime
        else
          redis.call('HSET', KEYS[2], ARGV[2], tostring(now) .. ':0')
        end
        local row = {endpoint = ARGV[3], generation = ARGV[4], status = ARGV[5], startTime = startTime}
        if ARGV[6] ~= '' then
          row.capacity = ARGV[6]
        end
        redis.call('HSET', KEYS[1], ARGV[2], cjson.encode(row))
        return {2, redis.call('HINCRBY', KEYS[1], 'version', 1)}
        """);

    /// <summary>ARGV: silo field, activation count. Reply: {0, now} renewed · {1, now} the row is Dead or
    /// missing (declared dead, perhaps already cleaned up): nothing is written.</summary>
    public static readonly RedisScript Heartbeat = new("membership_heartbeat", Now + """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if not current or cjson.decode(current).status == 'Dead' then
          return {1, now}
        end
        redis.call('HSET', KEYS[2], ARGV[1], tostring(now) .. ':' .. ARGV[2])
        return {0, now}
        """);

    /// <summary>ARGV: expected version, silo field. Reply: 1 removed (row and heartbeat), 0 version conflict or not Dead.</summary>
    public static readonly RedisScript Remove = new("membership_remove", """
        local version = redis.call('HGET', KEYS[1], 'version') or '0'
        if version ~= ARGV[1] then
          return 0
        end
        local current = redis.call('HGET', KEYS[1], ARGV[2])
        if not current or cjson.decode(current).status ~= 'Dead' then
          return 0
        end
        redis.call('HDEL', KEYS[1], ARGV[2])
        redis.call('HDEL', KEYS[2], ARGV[2])
        redis.call('HINCRBY', KEYS[1], 'version', 1)
        return 1
        """);
}
