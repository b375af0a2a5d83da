namespace Solara.Orleans.Grains.State.Redis;

/// <summary>A Redis state backend call failed: the connection broke, the server refused, or it
/// replied with an error. Callers (the state store) treat it as one backend failure: the kernel keeps
/// running, the keys stay dirty, the circuit breaker counts it.</summary>
public class RedisStateException(string message, Exception? inner = null) : Exception(message, inner);
