using Solara.Orleans.Abstractions.State;

namespace Solara.Orleans.Grains.State;

/// <summary>The argument rules every <see cref="IStateBackend"/> enforces the same way.</summary>
internal static class StateBackendArguments
{
    public static void Kernel(string kernelId)
    {
        if (string.IsNullOrEmpty(kernelId))
            throw new ArgumentException("a kernel id is required", nameof(kernelId));
    }

    public static void Ttl(TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "the state TTL must be positive (SOLARA_STATE_TTL)");
    }

    public static void Takeover(string kernelId, IReadOnlyList<byte[]> sessionHmacs, TimeSpan ttl)
    {
        Kernel(kernelId);
        Ttl(ttl);
        if (sessionHmacs.Count == 0 || sessionHmacs.Any(h => h is not { Length: > 0 }))
            throw new ArgumentException("takeover needs at least one non-empty session HMAC (one per configured secret, primary first)", nameof(sessionHmacs));
    }

    public static void Flush(string kernelId, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, TimeSpan ttl)
    {
        Kernel(kernelId);
        Ttl(ttl);
        if (sessionHmac is not { Length: > 0 })
            throw new ArgumentException("flush needs the session HMAC it writes as the identity", nameof(sessionHmac));
        foreach (string field in fields.Keys)
            if (field.Length == 0 || StateHashFields.IsMeta(field))
                throw new ArgumentException($"'{field}' cannot be flushed: fields starting with '__' belong to the backend (use {StateHashFields.ReactivePrefix}{{key}})", nameof(fields));
    }
}
