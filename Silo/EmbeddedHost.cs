using Solara.Orleans.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Apps;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Gateway;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Placement;
using Solara.Orleans.Grains.Hosting;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.Runtime;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Grains.State.Resilience;
using Solara.Persistence;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Silo;

/// <summary>One process with both roles: the gateway and a silo, with in-memory membership and directory.</summary>
public static class EmbeddedHost
{
    /// <summary>The one in-process backend of <c>SOLARA_STATE_BACKEND=memory</c>: every host in this
    /// process shares it, so state outlives a kernel (and a host) but not the process.</summary>
    public static MemoryStateBackend ProcessMemoryBackend => SiloParts.ProcessMemoryBackend;

    public static WebApplication Build(EmbeddedHostOptions options, Action<ILoggingBuilder>? logging = null)
    {
        WebApplicationBuilder builder = SolaraWebHost.CreateBuilder(options.Server, options.Urls, typeof(EmbeddedHost).Assembly, logging, servesBrowsers: true);

        var time = TimeProvider.System;
        var apps = new AppRegistry(options.Apps);
        var directory = new InMemoryGrainDirectory();
        var membership = new InMemoryMembershipTable(time);
        builder.Services.AddSingleton(new ElasticThreadPool());
        builder.Services.AddSingleton(apps);
        builder.Services.AddSingleton<IAppCatalog>(apps);
        builder.Services.AddSingleton<IGrainDirectory>(directory);
        builder.Services.AddSingleton<IMembershipTable>(membership);
        builder.Services.AddSingleton<IPlacementDirector>(new PowerOfTwoPlacement(membership, TimeSpan.MaxValue));
        // The raw backend is registered (tests and tools inspect it); kernels see it through the resilient decorator.
        IStateBackend? backend = SiloParts.StateBackendFor(options.State, options.StateBackend, out IAsyncDisposable? owned);
        if (backend is not null)
            builder.Services.AddSingleton(backend);
        builder.Services.AddSingleton(sp => new KernelSilo(
            SiloParts.KernelServices(sp, apps, options.Kernels, options.Server, options.State, backend, time),
            directory, membership, options.Urls[0]));
        builder.Services.AddSingleton<IKernelGateway>(sp => new LocalKernelGateway(
            sp.GetRequiredService<KernelSilo>(), directory, sp.GetRequiredService<IPlacementDirector>()));
        builder.Services.AddSolaraGateway(options.Server, options.Kernels);

        WebApplication app = builder.Build();
        app.MapSolaraGateway();
        KernelSilo silo = app.Services.GetRequiredService<KernelSilo>();
        app.Lifetime.ApplicationStarted.Register(() => silo.StartAsync().GetAwaiter().GetResult());
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            // Every kernel's final flush first (bounded by SOLARA_STATE_SHUTDOWN_TIMEOUT), then the backend connection it used.
            silo.StopAsync(options.State.ShutdownTimeout).GetAwaiter().GetResult();
            owned?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        return app;
    }
}
