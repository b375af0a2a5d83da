namespace Solara.Orleans.Abstractions.State;

/// <summary>Which case of <see cref="IStateBackend.FlushAsync"/> happened.</summary>
public enum FlushOutcome
{
    /// <summary>The stored generation matched: fields merged, identity and schema tag rewritten, TTL refreshed.</summary>
    Written,

    /// <summary>No hash existed and the caller claimed generation 1: the hash was created.</summary>
    Created,

    /// <summary>Another owner holds a different generation: nothing written (this caller is superseded).</summary>
    Stale,

    /// <summary>No hash exists and the caller claimed a generation other than 1: nothing written (never resurrect deleted or expired state at a stale generation).</summary>
    Missing,

    /// <summary>The caller has no write rights (generation 0 or below): nothing written.</summary>
    NoWriteRights,
}
