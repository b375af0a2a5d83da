namespace Solara.Orleans.Cluster.Redis;

/// <summary>A Redis URL setting cannot be used. The message names the setting and what is wrong,
/// and never repeats the URL itself, which may hold a password.</summary>
public sealed class RedisUrlException(string setting, string problem)
    : FormatException($"{setting} {problem} (use redis://[user:password@]host[:port][/db], or rediss:// for TLS)");
