using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Cluster.Gateways;

/// <summary>The Lua scripts behind <see cref="RedisGatewayRegistry"/>. KEYS[1] is the hash
/// <c>{prefix}gateways</c>: one field per gateway endpoint holding
/// <c>startMs:lastSeenMs:openSockets</c>, where lastSeen is Redis <c>TIME</c>.</summary>
public static class RedisGatewayScripts
{
    /// <summary>ARGV: endpoint, start time in ms, open sockets. Reply: now in ms.</summary>
    public static readonly RedisScript Heartbeat = new("gateways_heartbeat", """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. tostring(now) .. ':' .. ARGV[3])
        return now
        """);

    /// <summary>ARGV: forget-after in ms. Removes rows not renewed within it.
    /// Reply: {endpoint, row, ...} of the rows that remain.</summary>
    public static readonly RedisScript List = new("gateways_list", """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local forget = tonumber(ARGV[1])
        local all = redis.call('HGETALL', KEYS[1])
        local kept = {}
        for i = 1, #all, 2 do
          local lastSeen = tonumber(string.match(all[i + 1], '^[^:]*:([^:]*):'))
          if lastSeen and now - lastSeen > forget then
            redis.call('HDEL', KEYS[1], all[i])
          else
            table.insert(kept, all[i])
            table.insert(kept, all[i + 1])
          end
        end
        return kept
        """);

    /// <summary>ARGV: endpoint. Reply: 1 removed, 0 absent.</summary>
    public static readonly RedisScript Remove = new("gateways_remove", """
        return redis.call('HDEL', KEYS[1], ARGV[1])
        """);
}
