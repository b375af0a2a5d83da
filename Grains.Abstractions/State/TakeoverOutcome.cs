namespace Solara.Orleans.Abstractions.State;

/// <summary>Which case of <see cref="IStateBackend.TakeoverAsync"/> happened.</summary>
public enum TakeoverOutcome
{
    /// <summary>No state: the kernel was claimed at generation 1 (identity, schema tag and TTL written, no values).</summary>
    Miss,

    /// <summary>The stored session is another one (none of the candidate HMACs match): nothing written, generation 0, no write rights.</summary>
    IdentityMismatch,

    /// <summary>The stored schema tag differs: the hash was deleted and re-claimed at generation 1 (a clean reset).</summary>
    SchemaReset,

    /// <summary>The generation was incremented, the TTL refreshed, and every stored value returned.</summary>
    Restored,
}
