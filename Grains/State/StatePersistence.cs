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
    }

    public StateOptions Options { get; }
    public IStateBackend Backend { get; }
    public ILogger Logger { get; }
    public TimeProvider Time { get; }
    public StateSigningKeys Keys { get; }
    public StateCodecRegistry Codecs { get; }
    public StateValueSealer Sealer { get; }
    public StateStats Stats { get; }

    /// <summary>A backend call bounded by <c>SOLARA_STATE_CONNECT_TIMEOUT</c>; a slower call throws <see cref="TimeoutException"/>.</summary>
    public async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        using var timeout = new CancellationTokenSource(Options.ConnectTimeout, Time);
        try
        {
            return await call(timeout.Token).WaitAsync(Options.ConnectTimeout, Time);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"the state backend did not answer within SOLARA_STATE_CONNECT_TIMEOUT={Options.ConnectTimeout.TotalMilliseconds}ms");
        }
    }
}
