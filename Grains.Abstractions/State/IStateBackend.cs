namespace Solara.Orleans.Abstractions.State;

/// <summary>Where persisted state lives: one hash per kernel with the fields in
/// <see cref="StateHashFields"/>. Four operations, each atomic. Values are opaque bytes (signed
/// envelopes); the backend never decodes them. A backend is done when it passes the contract test
/// kit (<c>StateBackendContractTests</c>).</summary>
public interface IStateBackend
{
    /// <summary>Whether state outlives this process and is seen by other instances (Redis: yes, memory: no).</summary>
    bool IsShared { get; }

    /// <summary>Claims the kernel for the caller's session on connect, atomically:
    /// <list type="bullet">
    /// <item>no hash: claim it — generation 1, <c>__session_id__</c> = <paramref name="sessionHmacs"/>[0],
    /// <c>__version__</c> = <paramref name="schemaTag"/>, TTL — and return <see cref="TakeoverOutcome.Miss"/>;</item>
    /// <item>the stored session HMAC matches none of <paramref name="sessionHmacs"/> (one per configured
    /// secret, primary first, so rotation keeps working): write nothing, return
    /// <see cref="TakeoverOutcome.IdentityMismatch"/> with generation 0;</item>
    /// <item>the stored schema tag differs: delete the hash, claim it as on a miss, return
    /// <see cref="TakeoverOutcome.SchemaReset"/> with generation 1;</item>
    /// <item>otherwise: increment the generation, refresh the TTL, return
    /// <see cref="TakeoverOutcome.Restored"/> with the new generation and every value field.</item>
    /// </list></summary>
    Task<TakeoverResult> TakeoverAsync(string kernelId, IReadOnlyList<byte[]> sessionHmacs, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>The only write of values, fenced and atomic: when the stored generation equals
    /// <paramref name="generation"/>, merge <paramref name="fields"/>, rewrite the identity and schema
    /// tag, and refresh the TTL. A missing hash is created only at generation 1. Field names must not
    /// be meta fields (<c>__*</c>).</summary>
    Task<FlushResult> FlushAsync(string kernelId, long generation, IReadOnlyDictionary<string, byte[]> fields, byte[] sessionHmac, string schemaTag, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Deletes the hash when the stored generation equals <paramref name="generation"/>, or unconditionally when it is null.</summary>
    Task<DeleteResult> DeleteAsync(string kernelId, long? generation, CancellationToken cancellationToken = default);

    /// <summary>The stored generation without changing anything; null when there is no hash (or it expired).</summary>
    Task<long?> PeekGenerationAsync(string kernelId, CancellationToken cancellationToken = default);
}
