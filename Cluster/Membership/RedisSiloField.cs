using System.Globalization;
using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Cluster.Membership;

/// <summary>How a silo is named inside Redis: <c>endpoint@generation</c> (the membership and heartbeat
/// field, and the suffix of its directory index key). Lua scripts build the same string from the
/// directory's <c>silo</c> and <c>generation</c> fields.</summary>
public static class RedisSiloField
{
    public static string Of(SiloAddress silo) =>
        silo.Endpoint + "@" + silo.Generation.ToString(CultureInfo.InvariantCulture);

    public static string Generation(SiloAddress silo) => silo.Generation.ToString(CultureInfo.InvariantCulture);

    public static long ParseGeneration(string text, string where) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long generation)
            ? generation
            : throw new FormatException($"{where} holds the silo generation '{text}', which is not an integer");
}
