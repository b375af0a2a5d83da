namespace Solara.Orleans.Cluster.Redis;

/// <summary>The server answered a command with an error reply (e.g. <c>WRONGPASS</c>, <c>NOPERM</c>, a Lua error).</summary>
public sealed class RedisServerException(string command, string error)
    : RedisCallException($"Redis refused {command}: {error}")
{
    /// <summary>The error reply, e.g. <c>NOSCRIPT No matching script.</c></summary>
    public string Error { get; } = error;
}
