using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Grains.State;

/// <summary>What every kernel of a silo shares when a state backend is configured: the options,
/// the backend, the signing keys, the codecs, the counters behind <c>/resourcez</c>, and the
/// <c>solara.state</c> logger that writes the greppable event lines.</summary>
public sealed class StatePersistence
{
    public const string LoggerName = "solara.state";

    public StatePersistence(StateOptions options, IStateBackend backend, ILogger logger, TimeProvider time, StateCodecRegistry? codecs = null)
    {
        if (!options.Enabled)
            throw new ArgumentException("StatePersistence needs a configured backend (SOLARA_STATE_BACKEND=memory or redis)", nameof(options));
        Options = options;
        Backend = backend;
        Logger = logger;
        Time = time;
        Keys = new StateSigningKeys(options.SecretKeys);
        Codecs = codecs ?? StateCodecs.Default;
        Sealer = new StateValueSealer(Keys, Codecs);
        Stats = new StateStats(time);
        Storm = new BailoutStormValve(options.BailoutStormThreshold);
    }

    public StateOptions Options { get; }
    public IStateBackend Backend { get; }
    public ILogger Logger { get; }
    public TimeProvider Time { get; }
    public StateSigningKeys Keys { get; }
    public StateCodecRegistry Codecs { get; }
    public StateValueSealer Sealer { get; }
    public StateStats Stats { get; }
    public BailoutStormValve Storm { get; }

    /// <summary>Records a restore that found stored values in the storm valve; logs when it opens or closes.
    /// Returns whether the valve is open (a bail-out then starts fresh silently, with no refresh dialog).</summary>
    public bool RecordRestore(bool bailedOut)
    {
        bool? changed = Storm.Record(bailedOut);
        (int bailouts, int restores) = Storm.Snapshot();
        if (changed == true)
            Logger.LogWarning("bailout storm transition=open bailouts={Bailouts} restores={Restores} threshold={Threshold}: over SOLARA_STATE_BAILOUT_STORM_THRESHOLD, bail-outs now start fresh silently (no refresh dialog); check that every replica has the same SOLARA_STATE_SECRET_KEYS and that no persisted record type was renamed",
                bailouts, restores, Storm.Threshold);
        else if (changed == false)
            Logger.LogInformation("bailout storm transition=closed bailouts={Bailouts} restores={Restores} threshold={Threshold}: bail-outs show the refresh dialog again", bailouts, restores, Storm.Threshold);
        return Storm.Open;
    }

    /// <summary>A backend call bounded by <c>SOLARA_STATE_CONNECT_TIMEOUT</c>; a slower call throws <see cref="TimeoutException"/>.</summary>
    public async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        // The backend decorator caps each call at SOLARA_STATE_CONNECT_TIMEOUT and records the outcome;
        // this wait is only a safety net, longer so that it never races the decorator's own cap.
        TimeSpan cap = Options.ConnectTimeout * 2;
        using var timeout = new CancellationTokenSource(cap, Time);
        try
        {
            return await call(timeout.Token).WaitAsync(cap, Time);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"the state backend did not answer within SOLARA_STATE_CONNECT_TIMEOUT={Options.ConnectTimeout.TotalMilliseconds}ms");
        }
    }
}
