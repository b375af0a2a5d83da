using Solara.Orleans.Gateway.Hosting;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Apps;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Placement;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Cluster.Transport;
using Solara.Orleans.Grains.Hosting;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.Runtime;
using Solara.Orleans.Gateway.Metrics;

namespace Solara.Orleans.Silo.Cluster;

/// <summary>A cluster silo: kernels and sessions, registered in the Redis membership table and grain
/// directory, reachable by gateways only through the credentialed <c>/_cluster/</c> API. Stops in the
/// order of the runtime rules: ShuttingDown (no new kernels) → close, flush and unregister every kernel
/// (bounded by <c>SOLARA_STATE_SHUTDOWN_TIMEOUT</c>) → Dead → exit.</summary>
public static class SiloHost
{
    /// <summary>The exit code of a silo that stopped because its peers declared it dead.</summary>
    public const int DeclaredDeadExitCode = 3;

    public static async Task<WebApplication> BuildAsync(SiloHostOptions options, Action<ILoggingBuilder>? logging = null, IStateBackend? stateBackend = null)
    {
        WebApplicationBuilder builder = SolaraWebHost.CreateBuilder(options.Server, options.Urls, typeof(SiloHost).Assembly, logging, servesBrowsers: false);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.State.ShutdownTimeout + TimeSpan.FromSeconds(2));

        RespRedisConnection redis = await ClusterRedisConnection.OpenAsync(options.Cluster);
        var time = TimeProvider.System;
        var apps = new AppRegistry(options.Apps);
        var membership = new RedisMembershipTable(redis, options.Cluster.Prefix);
        var directory = new RedisGrainDirectory(redis, options.Cluster.Prefix);
        IStateBackend? backend = SiloParts.StateBackendFor(options.State, stateBackend, out IAsyncDisposable? ownedBackend);
        long generation = time.GetUtcNow().ToUnixTimeMilliseconds();
        var address = new SiloAddress(options.Advertise, generation);

        builder.Services.AddSingleton(new ElasticThreadPool());
        builder.Services.AddSingleton(apps);
        builder.Services.AddSingleton<IAppCatalog>(apps);
        builder.Services.AddSingleton<IGrainDirectory>(directory);
        builder.Services.AddSingleton<IMembershipTable>(membership);
        builder.Services.AddSingleton(options.Kernels);
        builder.Services.AddSingleton(options.Server);
        builder.Services.AddSingleton(new ClusterCredential(options.Cluster.Secret));
        if (backend is not null)
            builder.Services.AddSingleton(backend);
        builder.Services.AddSingleton(sp =>
        {
            KernelSilo? silo = null;
            var agent = new MembershipAgent(membership, directory, address, options.Cluster, () => silo?.Count ?? 0,
                options.Kernels.MaxCount, sp.GetRequiredService<ILogger<MembershipAgent>>(), time);
            silo = new KernelSilo(SiloParts.KernelServices(sp, apps, options.Kernels, options.Server, options.State, backend, time),
                directory, membership, address.Endpoint, status => WriteStatusAsync(agent, status), generation);
            return new SiloRuntime(silo, agent);
        });
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().Silo);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().Agent);
        builder.Services.AddSingleton<IKernelGateway>(sp => new LocalKernelGateway(
            sp.GetRequiredService<KernelSilo>(), directory, new PowerOfTwoPlacement(membership, options.Cluster.Lease)));
        builder.Services.AddSingleton<SiloForwardingEndpoint>();
        OtlpMetricsExport.AddIfConfigured(builder.Services, options.Server.OtlpEndpoint, "solara-orleans-silo");

        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapSiloInternalEndpoints();
        KernelSilo kernelSilo = app.Services.GetRequiredService<KernelSilo>();
        kernelSilo.Sessions.Transport = new SessionSiloClient(app.Services.GetRequiredService<ClusterCredential>(), options.Cluster);
        MembershipAgent membershipAgent = app.Services.GetRequiredService<MembershipAgent>();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Solara.Cluster");
        app.MapGet("/readyz", () => kernelSilo.Status == SiloStatus.Active && !kernelSilo.IsFenced
            ? Results.Json(new { status = "ok", silo = kernelSilo.Address.ToString() })
            : Results.Json(new { status = kernelSilo.IsFenced ? "fenced" : kernelSilo.Status.ToString() }, statusCode: 503));
        app.MapGet("/resourcez", async (HttpContext context, IKernelGateway kernels) =>
        {
            bool redact = options.Server.IsProduction;
            JsonObject report = await kernels.ReportResourcesAsync(context.Request.Query.ContainsKey("verbose"), redact);
            return Results.Text(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), "application/json");
        });

        membershipAgent.Fenced += () =>
        {
            kernelSilo.IsFenced = true;
            logger.LogError("silo {Silo} fenced: its membership lease could not be renewed within {Window}; no new kernels until it is", kernelSilo.Address, options.Cluster.SelfFenceAfter);
        };
        membershipAgent.Unfenced += () =>
        {
            kernelSilo.IsFenced = false;
            logger.LogWarning("silo {Silo} unfenced: its lease is renewed", kernelSilo.Address);
        };
        membershipAgent.DeclaredDead += () =>
        {
            kernelSilo.IsFenced = true;
            logger.LogCritical("silo {Silo} was declared dead by its peers; it stops serving and must be restarted (exit code {Code})", kernelSilo.Address, DeclaredDeadExitCode);
            Environment.ExitCode = DeclaredDeadExitCode;
            // Not on this thread: stopping runs the stop callbacks synchronously, and they wait for the agent that raised this event.
            _ = Task.Run(app.Lifetime.StopApplication);
        };
        app.Lifetime.ApplicationStarted.Register(() => kernelSilo.StartAsync().GetAwaiter().GetResult());
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            kernelSilo.StopAsync(options.State.ShutdownTimeout).GetAwaiter().GetResult();
            membershipAgent.DisposeAsync().AsTask().GetAwaiter().GetResult();
            ownedBackend?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            redis.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        return app;
    }

    private sealed record SiloRuntime(KernelSilo Silo, MembershipAgent Agent);

    private static async Task<bool> WriteStatusAsync(MembershipAgent agent, SiloStatus status)
    {
        if (status != SiloStatus.Active)
            return await agent.SetStatusAsync(status);
        await agent.JoinAsync();
        return true;
    }
}
