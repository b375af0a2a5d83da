using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.Runtime;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Grains.State.Resilience;
using Solara.Persistence;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Silo;

/// <summary>What every host with the silo role builds the same way: the kernels' services and the state backend.</summary>
public static class SiloParts
{
    /// <summary>The one in-process backend of <c>SOLARA_STATE_BACKEND=memory</c>.</summary>
    public static MemoryStateBackend ProcessMemoryBackend { get; } = new();

    public static KernelServices KernelServices(IServiceProvider sp, AppRegistry apps, KernelOptions kernels, ServerOptions server,
        StateOptions state, IStateBackend? backend, TimeProvider time) =>
        new(apps, kernels, server, sp.GetRequiredService<ElasticThreadPool>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Solara.Kernel"), time,
            backend is null ? null : Persistence(state, backend, sp.GetRequiredService<ILoggerFactory>(), time))
        {
            AutoRemountWithoutBackend = state.AutoRemount,
        };

    /// <summary>The configured backend; <paramref name="owned"/> is what this host created and must dispose after the silo stopped.</summary>
    public static IStateBackend? StateBackendFor(StateOptions state, IStateBackend? given, out IAsyncDisposable? owned)
    {
        owned = null;
        if (!state.Enabled)
            return null;
        if (given is not null)
            return given;
        if (state.Backend == StateOptions.MemoryBackend)
            return ProcessMemoryBackend;
        RedisStateBackend redis = RedisStateBackend.Create(state);
        owned = redis;
        return redis;
    }

    private static StatePersistence Persistence(StateOptions state, IStateBackend backend, ILoggerFactory loggers, TimeProvider time)
    {
        ILogger logger = loggers.CreateLogger(StatePersistence.LoggerName);
        StateCodecs.Default.ApplyDeployment(state);
        PersistKeys.InformationLog = line => logger.LogInformation("{Line}", line);
        var resilient = ResilientStateBackend.Create(backend, state, logger, time);
        var persistence = new StatePersistence(state, resilient, logger, time);
        persistence.Stats.Attach(resilient);
        return persistence;
    }
}
