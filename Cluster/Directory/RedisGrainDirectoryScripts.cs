using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Cluster.Directory;

/// <summary>The Lua scripts behind <see cref="RedisGrainDirectory"/>. A grain's key
/// <c>{prefix}dir:{grainId}</c> is a hash {activation, silo, generation, fence}; <c>fence</c> outlives
/// the other three (an unregistered grain keeps only its fence). Each silo has an index set
/// <c>{prefix}silo-grains:{endpoint@generation}</c> of the grain ids it registered. Scripts that must
/// reach a key only known from stored data build it from ARGV's prefix, so on Redis Cluster the prefix
/// needs a hash tag (e.g. <c>{solara}:cluster:</c>) to keep every key in one slot.
/// Entries are replied as {activation, silo, generation, fence}.</summary>
public static class RedisGrainDirectoryScripts
{
    /// <summary>KEYS: grain key, membership hash, the caller's index set. ARGV: grain id, activation, silo
    /// endpoint, silo generation, predecessor activation ("" for none), prefix.
    /// Reply: {1, entry} registered (fence incremented) · {0, entry} refused: the current winner ·
    /// {2} refused: the caller's own silo is Dead (a zombie must not register anything).</summary>
    public static readonly RedisScript Register = new("directory_register", """
        local key = KEYS[1]
        local own = redis.call('HGET', KEYS[2], ARGV[3] .. '@' .. ARGV[4])
        if own and cjson.decode(own).status == 'Dead' then
          return {2}
        end
        local current = redis.call('HGET', key, 'activation')
        if current then
          local silo, generation = redis.call('HGET', key, 'silo'), redis.call('HGET', key, 'generation')
          local field = silo .. '@' .. generation
          local allowed = ARGV[5] ~= '' and ARGV[5] == current
          if not allowed then
            local row = redis.call('HGET', KEYS[2], field)
            allowed = (not row) or cjson.decode(row).status == 'Dead'
          end
          if not allowed then
            return {0, {current, silo, generation, redis.call('HGET', key, 'fence') or '0'}}
          end
          redis.call('SREM', ARGV[6] .. 'silo-grains:' .. field, ARGV[1])
        end
        local fence = redis.call('HINCRBY', key, 'fence', 1)
        redis.call('HSET', key, 'activation', ARGV[2], 'silo', ARGV[3], 'generation', ARGV[4])
        redis.call('SADD', KEYS[3], ARGV[1])
        return {1, {ARGV[2], ARGV[3], ARGV[4], fence}}
        """);

    /// <summary>KEYS: grain key. ARGV: grain id, activation, prefix. Reply: 1 removed, 0 not this activation.
    /// The fence stays.</summary>
    public static readonly RedisScript Unregister = new("directory_unregister", """
        local key = KEYS[1]
        if redis.call('HGET', key, 'activation') ~= ARGV[2] then
          return 0
        end
        local field = redis.call('HGET', key, 'silo') .. '@' .. redis.call('HGET', key, 'generation')
        redis.call('HDEL', key, 'activation', 'silo', 'generation')
        redis.call('SREM', ARGV[3] .. 'silo-grains:' .. field, ARGV[1])
        return 1
        """);

    /// <summary>KEYS: grain key. ARGV: activation, fence. Reply: {1, entry} as stored after raising
    /// (never lowering) the fence · {0} the entry no longer names this activation.</summary>
    public static readonly RedisScript SyncFence = new("directory_sync_fence", """
        local key = KEYS[1]
        if redis.call('HGET', key, 'activation') ~= ARGV[1] then
          return {0}
        end
        local fence = tonumber(redis.call('HGET', key, 'fence') or '0')
        if tonumber(ARGV[2]) > fence then
          redis.call('HSET', key, 'fence', ARGV[2])
          fence = ARGV[2]
        end
        local stored = redis.call('HMGET', key, 'activation', 'silo', 'generation')
        return {1, {stored[1], stored[2], stored[3], fence}}
        """);

    /// <summary>KEYS: the dead silo's index set. ARGV: silo endpoint, silo generation, prefix, batch size.
    /// Pops up to one batch of grain ids and removes the entries that still name this silo.
    /// Reply: {removed, members left in the index}.</summary>
    public static readonly RedisScript RemoveSiloBatch = new("directory_remove_silo_batch", """
        local removed = 0
        local ids = redis.call('SPOP', KEYS[1], tonumber(ARGV[4]))
        for _, id in ipairs(ids) do
          local key = ARGV[3] .. 'dir:' .. id
          local stored = redis.call('HMGET', key, 'activation', 'silo', 'generation')
          if stored[1] and stored[2] == ARGV[1] and stored[3] == ARGV[2] then
            redis.call('HDEL', key, 'activation', 'silo', 'generation')
            removed = removed + 1
          end
        end
        return {removed, redis.call('SCARD', KEYS[1])}
        """);

    /// <summary>No KEYS (a read-only scan). ARGV: cursor, MATCH pattern, COUNT, prefix length + 4 (where the
    /// grain id starts in a key). Reply: {next cursor, {grain id, entry}...} for keys that have an activation.</summary>
    public static readonly RedisScript ScanPage = new("directory_scan_page", """
        local page = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', tonumber(ARGV[3]))
        local entries = {}
        for _, key in ipairs(page[2]) do
          local stored = redis.call('HMGET', key, 'activation', 'silo', 'generation', 'fence')
          if stored[1] and stored[2] and stored[3] then
            table.insert(entries, {string.sub(key, tonumber(ARGV[4]) + 1), {stored[1], stored[2], stored[3], stored[4] or '0'}})
          end
        end
        return {page[1], entries}
        """);
}
