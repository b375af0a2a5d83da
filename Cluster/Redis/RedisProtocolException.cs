namespace Solara.Orleans.Cluster.Redis;

/// <summary>The server sent something that is not the RESP2 reply this client expected.</summary>
public sealed class RedisProtocolException(string message) : RedisCallException(message);
