namespace Solara.Orleans.Grains.State.Redis;

/// <summary>SOLARA_STATE_URL cannot be used. The message names what is wrong and never repeats
/// the URL itself, which may hold a password.</summary>
public sealed class RedisUrlException(string problem)
    : FormatException($"SOLARA_STATE_URL {problem} (use redis://[user:password@]host[:port][/db], or rediss:// for TLS)");
