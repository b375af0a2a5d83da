namespace Solara.Orleans.Abstractions.State;

/// <summary>The outcome of a fenced flush and, when rejected as stale, the generation that is stored.</summary>
public sealed record FlushResult(FlushOutcome Outcome, long? StoredGeneration = null)
{
    public bool Accepted => Outcome is FlushOutcome.Written or FlushOutcome.Created;
}
