namespace Solara.Orleans.Abstractions.State;

/// <summary>The outcome of a takeover, the generation this caller now owns (0: none), and the
/// stored values (<c>reactive:{key}</c> → envelope bytes; empty unless <see cref="TakeoverOutcome.Restored"/>).</summary>
public sealed record TakeoverResult(TakeoverOutcome Outcome, long Generation, IReadOnlyDictionary<string, byte[]> Fields)
{
    public bool HasWriteRights => Generation > 0;
}
