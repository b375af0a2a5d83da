using System.Globalization;
using System.Text;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Cluster.Redis;

namespace Solara.Orleans.Cluster.Gateways;

/// <summary>Gateways announce themselves in the hash <c>{prefix}gateways</c> (operations only: nothing
/// routes by it). <see cref="GatewayInfo.LastSeen"/> is Redis' clock; <see cref="ListAsync"/> drops rows
/// not renewed within <paramref name="forgetAfter"/>, so a killed gateway disappears on its own.</summary>
public sealed class RedisGatewayRegistry(IRedisConnection connection, string prefix, TimeSpan forgetAfter) : IGatewayRegistry
{
    private readonly string[] _keys = [prefix + "gateways"];

    public string Key => _keys[0];

    public async Task HeartbeatAsync(string endpoint, DateTimeOffset startTime, int openSockets)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(openSockets);
        await connection.EvaluateAsync(RedisGatewayScripts.Heartbeat, _keys,
            [Utf8(endpoint), Decimal(startTime.ToUnixTimeMilliseconds()), Decimal(openSockets)]);
    }

    public async Task RemoveAsync(string endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        await connection.EvaluateAsync(RedisGatewayScripts.Remove, _keys, [Utf8(endpoint)]);
    }

    public async Task<IReadOnlyList<GatewayInfo>> ListAsync()
    {
        IReadOnlyList<RedisReply> pairs = (await connection.EvaluateAsync(RedisGatewayScripts.List, _keys,
            [Decimal((long)Math.Ceiling(forgetAfter.TotalMilliseconds))])).AsArray();
        var gateways = new List<GatewayInfo>(pairs.Count / 2);
        for (int i = 0; i + 1 < pairs.Count; i += 2)
        {
            string endpoint = Encoding.UTF8.GetString(pairs[i].AsBytes());
            string[] parts = Encoding.ASCII.GetString(pairs[i + 1].AsBytes()).Split(':');
            if (parts.Length != 3)
                throw Corrupt(endpoint);
            gateways.Add(new GatewayInfo(endpoint, Milliseconds(parts[0], endpoint), Milliseconds(parts[1], endpoint), (int)Parse(parts[2], endpoint)));
        }
        return gateways;
    }

    private DateTimeOffset Milliseconds(string text, string endpoint) => DateTimeOffset.FromUnixTimeMilliseconds(Parse(text, endpoint));

    private long Parse(string text, string endpoint) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : throw Corrupt(endpoint);

    private RedisProtocolException Corrupt(string endpoint) =>
        new($"the gateway row '{endpoint}' in {Key} is not startMs:lastSeenMs:openSockets (is another version sharing SOLARA_CLUSTER_PREFIX?)");

    private static byte[] Decimal(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
