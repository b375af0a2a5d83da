namespace Solara.Orleans.Cluster.Redis;

/// <summary>A Redis call failed: the connection broke, the server refused, or it replied with an
/// error. Callers treat it as one backend failure (the state store: kernel keeps running, keys stay
/// dirty, the circuit breaker counts it; membership: the heartbeat was not renewed).</summary>
public class RedisCallException(string message, Exception? inner = null) : Exception(message, inner);
