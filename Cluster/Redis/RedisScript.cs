using System.Security.Cryptography;
using System.Text;

namespace Solara.Orleans.Cluster.Redis;

/// <summary>A Lua script and its SHA-1, the name <c>EVALSHA</c> runs it by.</summary>
public sealed record RedisScript(string Name, string Source)
{
    public byte[] SourceBytes { get; } = Encoding.UTF8.GetBytes(Source);

    public string Sha1 { get; } = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(Source)));
}
