namespace Solara.Orleans.Abstractions.State;

/// <summary>Which case of <see cref="IStateBackend.DeleteAsync"/> happened.</summary>
public enum DeleteOutcome
{
    Deleted,

    /// <summary>There was nothing to delete.</summary>
    Missing,

    /// <summary>The stored generation differs from the caller's: nothing deleted.</summary>
    Stale,
}
