namespace Solara.Orleans.Abstractions.State;

/// <summary>The outcome of a (fenced) delete and, when rejected as stale, the generation that is stored.</summary>
public sealed record DeleteResult(DeleteOutcome Outcome, long? StoredGeneration = null)
{
    public bool Deleted => Outcome == DeleteOutcome.Deleted;
}
