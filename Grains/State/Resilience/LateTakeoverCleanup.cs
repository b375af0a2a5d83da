using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.State;

namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>Claim-or-delete for a takeover whose caller gave up (timeout): the kernel already runs
/// unpersisted, so whatever the late takeover claimed must not stay half-owned.
/// <list type="bullet">
/// <item><c>Miss</c> / <c>SchemaReset</c>: the takeover created a hash holding only the identity at
/// generation 1 and no values. It is deleted, fenced with that generation, so a newer takeover
/// (another generation) is never touched: action <c>released</c> (or <c>stale</c>).</item>
/// <item><c>Restored</c>: the hash holds the user's persisted values and only its generation was
/// raised. Deleting would destroy exactly the state the feature exists to keep, so it is
/// <c>kept</c>: nobody flushes at the raised generation, the next takeover raises it again and
/// restores the values, and an older owner is fenced out just as by any successful takeover.</item>
/// <item><c>IdentityMismatch</c>: nothing was written (<c>none</c>).</item>
/// <item>The call failed or its result was never seen (a Redis connection is discarded on timeout,
/// its reply dropped): <c>unknown</c>. A claim it may have made is an empty generation-1 hash that a
/// later takeover restores as empty and the TTL reclaims.</item>
/// </list>
/// Each outcome is logged as <c>takeover late-result kernel=… outcome=… action=…</c>.</summary>
internal sealed class LateTakeoverCleanup(IStateBackend backend, TimeSpan timeout, ILogger logger, TimeProvider time)
{
    public event Action<string, string>? Handled;

    public void After(string kernelId, Task<TakeoverResult> late) =>
        _ = late.ContinueWith(t => HandleAsync(kernelId, t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();

    private async Task HandleAsync(string kernelId, Task<TakeoverResult> late)
    {
        string outcome = late.IsCompletedSuccessfully ? late.Result.Outcome.ToString() : "unknown";
        string action;
        try
        {
            action = late.IsCompletedSuccessfully ? await ActAsync(kernelId, late.Result) : "unknown";
        }
        catch (Exception e)
        {
            action = "failed";
            logger.LogWarning("takeover late-result kernel={Kernel} outcome={Outcome} action=failed error={Error}", kernelId, outcome, e.Message);
            Handled?.Invoke(kernelId, action);
            return;
        }
        logger.LogInformation("takeover late-result kernel={Kernel} outcome={Outcome} action={Action}", kernelId, outcome, action);
        Handled?.Invoke(kernelId, action);
    }

    private async Task<string> ActAsync(string kernelId, TakeoverResult result)
    {
        if (result.Outcome is not (TakeoverOutcome.Miss or TakeoverOutcome.SchemaReset))
            return result.Outcome == TakeoverOutcome.Restored ? "kept" : "none";
        using var bound = new CancellationTokenSource(timeout, time);
        DeleteResult deleted = await backend.DeleteAsync(kernelId, result.Generation, bound.Token).WaitAsync(timeout, time);
        return deleted.Deleted ? "released" : deleted.Outcome == DeleteOutcome.Stale ? "stale" : "none";
    }
}
