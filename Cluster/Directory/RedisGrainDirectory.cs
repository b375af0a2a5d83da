using System.Globalization;
using System.Text;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Cluster.Directory;

/// <summary>The grain directory in Redis (one hash per grain, no TTL; see <see cref="RedisGrainDirectoryScripts"/>).
/// Registration is one Lua script that reads the current silo's row in the membership hash written by
/// <see cref="RedisMembershipTable"/> under the same prefix, so both must share <c>SOLARA_CLUSTER_PREFIX</c>.
/// A silo that is Dead in the membership hash may not register (<see cref="RegisterAsync"/> throws
/// <see cref="InvalidOperationException"/>), so no entry names a silo after its cleanup. The fence of a
/// grain key is never reset, so a grain's key stays (holding only its fence) after it is unregistered.</summary>
public sealed class RedisGrainDirectory(IRedisConnection connection, string prefix) : IGrainDirectory
{
    private const int RemoveBatch = 256;
    private const int ScanCount = 512;

    private readonly string _membershipKey = prefix + "membership";

    /// <summary>The Redis key of one grain's entry.</summary>
    public string KeyOf(string grainId) => prefix + "dir:" + grainId;

    /// <summary>The Redis key of the set of grain ids a silo registered.</summary>
    public string IndexKeyOf(SiloAddress silo) => prefix + "silo-grains:" + RedisSiloField.Of(silo);

    public async Task<GrainAddress?> LookupAsync(string grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainId);
        IReadOnlyDictionary<string, byte[]>? hash = await connection.HashGetAllAsync(KeyOf(grainId));
        if (hash is null || !hash.TryGetValue("activation", out byte[]? activation)
            || !hash.TryGetValue("silo", out byte[]? silo) || !hash.TryGetValue("generation", out byte[]? generation))
            return null;
        long fence = hash.TryGetValue("fence", out byte[]? stored) ? ParseLong(Encoding.ASCII.GetString(stored), grainId) : 0;
        return new GrainAddress(grainId, Utf8(activation), new SiloAddress(Utf8(silo), Generation(Utf8(generation), grainId)), fence);
    }

    public async Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? predecessor)
    {
        Validate(address);
        if (predecessor is not null && predecessor.GrainId != address.GrainId)
            throw new ArgumentException($"the predecessor names grain '{predecessor.GrainId}', not '{address.GrainId}'", nameof(predecessor));
        byte[][] arguments =
        [
            Utf8(address.GrainId), Utf8(address.ActivationId), Utf8(address.Silo.Endpoint), Utf8(RedisSiloField.Generation(address.Silo)),
            Utf8(predecessor?.ActivationId ?? ""), Utf8(prefix),
        ];
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisGrainDirectoryScripts.Register,
            [KeyOf(address.GrainId), _membershipKey, IndexKeyOf(address.Silo)], arguments)).AsArray();
        return reply[0].AsInteger() == 2
            ? throw new InvalidOperationException($"silo {address.Silo} is Dead in the membership table: it may not register grain '{address.GrainId}'")
            : ToAddress(address.GrainId, reply[1].AsArray());
    }

    public async Task UnregisterAsync(GrainAddress address)
    {
        Validate(address);
        await connection.EvaluateAsync(RedisGrainDirectoryScripts.Unregister, [KeyOf(address.GrainId)],
            [Utf8(address.GrainId), Utf8(address.ActivationId), Utf8(prefix)]);
    }

    public async Task<GrainAddress?> SyncFenceAsync(GrainAddress address, long fence)
    {
        Validate(address);
        ArgumentOutOfRangeException.ThrowIfNegative(fence);
        IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisGrainDirectoryScripts.SyncFence, [KeyOf(address.GrainId)],
            [Utf8(address.ActivationId), Utf8(fence.ToString(CultureInfo.InvariantCulture))])).AsArray();
        return reply[0].AsInteger() == 1 ? ToAddress(address.GrainId, reply[1].AsArray()) : null;
    }

    public async Task<int> RemoveSiloAsync(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        byte[][] arguments = [Utf8(silo.Endpoint), Utf8(RedisSiloField.Generation(silo)), Utf8(prefix), Utf8(RemoveBatch.ToString(CultureInfo.InvariantCulture))];
        int removed = 0;
        while (true)
        {
            IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisGrainDirectoryScripts.RemoveSiloBatch, [IndexKeyOf(silo)], arguments)).AsArray();
            removed += (int)reply[0].AsInteger();
            if (reply[1].AsInteger() == 0)
                return removed;
        }
    }

    public async Task<IReadOnlyList<GrainAddress>> ListAsync()
    {
        byte[][] rest = [Utf8(GlobEscape(prefix) + "dir:*"), Utf8(ScanCount.ToString(CultureInfo.InvariantCulture)),
            Utf8((Encoding.UTF8.GetByteCount(prefix) + 4).ToString(CultureInfo.InvariantCulture))];
        var entries = new Dictionary<string, GrainAddress>(StringComparer.Ordinal);
        string cursor = "0";
        do
        {
            IReadOnlyList<RedisReply> reply = (await connection.EvaluateAsync(RedisGrainDirectoryScripts.ScanPage, [], [Utf8(cursor), .. rest])).AsArray();
            cursor = Utf8(reply[0].AsBytes());
            foreach (RedisReply item in reply[1].AsArray())
            {
                IReadOnlyList<RedisReply> pair = item.AsArray();
                string grainId = Utf8(pair[0].AsBytes());
                entries[grainId] = ToAddress(grainId, pair[1].AsArray());
            }
        }
        while (cursor != "0");
        return entries.Values.ToArray();
    }

    private static GrainAddress ToAddress(string grainId, IReadOnlyList<RedisReply> entry) =>
        new(grainId, Utf8(entry[0].AsBytes()), new SiloAddress(Utf8(entry[1].AsBytes()), Generation(Utf8(entry[2].AsBytes()), grainId)), entry[3].AsInteger());

    private static void Validate(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrEmpty(address.GrainId, nameof(address));
        ArgumentException.ThrowIfNullOrEmpty(address.ActivationId, nameof(address));
        ArgumentNullException.ThrowIfNull(address.Silo, nameof(address));
        ArgumentException.ThrowIfNullOrEmpty(address.Silo.Endpoint, nameof(address));
    }

    private static string GlobEscape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static long Generation(string text, string grainId) => RedisSiloField.ParseGeneration(text, $"the directory entry of grain '{grainId}'");

    private static long ParseLong(string text, string grainId) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new RedisProtocolException($"the directory entry of grain '{grainId}' holds the fence '{text}', which is not an integer");

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
