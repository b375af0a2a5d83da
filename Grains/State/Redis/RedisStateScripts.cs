using Solara.Orleans.Cluster.Redis;
namespace Solara.Orleans.Grains.State.Redis;

/// <summary>The Lua scripts behind <see cref="RedisStateBackend"/>. Each operation is one script,
/// so it is atomic on the server; each touches exactly one key (<c>KEYS[1]</c> =
/// <c>{prefix}{kernel_id}</c>), so on Redis Cluster it lives in one slot without a hash tag.
/// Replies are arrays whose first item is an outcome code the backend maps to the contract's enums.</summary>
public static class RedisStateScripts
{
    /// <summary>ARGV: schema tag, TTL in ms, then one session HMAC per configured secret (primary first).
    /// Reply: {0, 1} miss · {1, 0} identity mismatch · {2, 1} schema reset · {3, generation, HGETALL} restored.</summary>
    public static readonly RedisScript Takeover = new("takeover", """
        local key, schema, ttl = KEYS[1], ARGV[1], ARGV[2]
        local function claim()
          redis.call('HSET', key, '__generation__', '1', '__session_id__', ARGV[3], '__version__', schema)
          redis.call('PEXPIRE', key, ttl)
        end
        if redis.call('EXISTS', key) == 0 then
          claim()
          return {0, 1}
        end
        local stored = redis.call('HGET', key, '__session_id__')
        local owner = false
        if stored then
          for i = 3, #ARGV do
            if stored == ARGV[i] then owner = true end
          end
        end
        if not owner then
          return {1, 0}
        end
        if redis.call('HGET', key, '__version__') ~= schema then
          redis.call('DEL', key)
          claim()
          return {2, 1}
        end
        local generation = redis.call('HINCRBY', key, '__generation__', 1)
        redis.call('PEXPIRE', key, ttl)
        return {3, generation, redis.call('HGETALL', key)}
        """);

    /// <summary>ARGV: generation, session HMAC, schema tag, TTL in ms, then field/value pairs.
    /// Reply: {0} written · {1} created · {2, stored generation or nil} stale · {3} missing.</summary>
    public static readonly RedisScript Flush = new("flush", """
        local key, generation = KEYS[1], ARGV[1]
        local outcome = 0
        if redis.call('EXISTS', key) == 0 then
          if generation ~= '1' then
            return {3}
          end
          outcome = 1
        else
          local stored = redis.call('HGET', key, '__generation__')
          if stored ~= generation then
            return {2, stored}
          end
        end
        redis.call('HSET', key, '__generation__', generation, '__session_id__', ARGV[2], '__version__', ARGV[3])
        for i = 5, #ARGV, 2 do
          redis.call('HSET', key, ARGV[i], ARGV[i + 1])
        end
        redis.call('PEXPIRE', key, ARGV[4])
        return {outcome}
        """);

    /// <summary>ARGV: the generation to match, or "" for an unfenced delete.
    /// Reply: {0} deleted · {1} missing · {2, stored generation or nil} stale.</summary>
    public static readonly RedisScript Delete = new("delete", """
        local key, generation = KEYS[1], ARGV[1]
        if redis.call('EXISTS', key) == 0 then
          return {1}
        end
        if generation ~= '' then
          local stored = redis.call('HGET', key, '__generation__')
          if stored ~= generation then
            return {2, stored}
          end
        end
        redis.call('DEL', key)
        return {0}
        """);

    /// <summary>No ARGV. Reply: the stored generation, or nil.</summary>
    public static readonly RedisScript PeekGeneration = new("peek_generation", """
        return redis.call('HGET', KEYS[1], '__generation__')
        """);
}
