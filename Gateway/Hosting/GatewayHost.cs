using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Apps;
using Solara.Orleans.Abstractions.Cluster;
using Solara.Orleans.Abstractions.Kernels;
using Solara.Orleans.Cluster.Directory;
using Solara.Orleans.Cluster.Gateways;
using Solara.Orleans.Cluster.Membership;
using Solara.Orleans.Cluster.Placement;
using Solara.Orleans.Cluster.Redis;
using Solara.Orleans.Cluster.Transport;
using Solara.Orleans.Gateway.Cluster;
using Solara.Orleans.Gateway.WebSockets;

namespace Solara.Orleans.Gateway.Hosting;

/// <summary>A cluster gateway: pages, the client bundle, WebSocket termination and forwarding to
/// whichever silo hosts each kernel, and the ops endpoints. Holds no kernel state and loads no app code.</summary>
public static class GatewayHost
{
    private static readonly TimeSpan ForgetGatewaysAfter = TimeSpan.FromMinutes(1);

    public static async Task<WebApplication> BuildAsync(GatewayHostOptions options, Action<ILoggingBuilder>? logging = null)
    {
        WebApplicationBuilder builder = SolaraWebHost.CreateBuilder(options.Server, options.Urls, typeof(GatewayHost).Assembly, logging, servesBrowsers: true);

        RespRedisConnection redis = await ClusterRedisConnection.OpenAsync(options.Cluster);
        var membership = new CachedMembershipTable(new RedisMembershipTable(redis, options.Cluster.Prefix), options.Cluster.Heartbeat);
        var directory = new RedisGrainDirectory(redis, options.Cluster.Prefix);
        var registry = new RedisGatewayRegistry(redis, options.Cluster.Prefix, ForgetGatewaysAfter);
        builder.Services.AddSingleton(options.Cluster);
        builder.Services.AddSingleton<IMembershipTable>(membership);
        builder.Services.AddSingleton<IGrainDirectory>(directory);
        builder.Services.AddSingleton<IGatewayRegistry>(registry);
        builder.Services.AddSingleton<IPlacementDirector>(new PowerOfTwoPlacement(membership, options.Cluster.Lease));
        builder.Services.AddSingleton(new ClusterCredential(options.Cluster.Secret));
        builder.Services.AddSingleton<SiloClient>();
        builder.Services.AddSingleton<IKernelGateway, RemoteKernelGateway>();
        builder.Services.AddSingleton<RemoteAppCatalog>();
        builder.Services.AddSingleton<IAppCatalog>(sp => sp.GetRequiredService<RemoteAppCatalog>());
        builder.Services.AddHostedService(sp => new GatewayPresence(registry, sp.GetRequiredService<RemoteAppCatalog>(),
            sp.GetRequiredService<WebSocketCounters>(), options.Advertise, sp.GetRequiredService<ILogger<GatewayPresence>>()));
        builder.Services.AddSolaraGateway(options.Server, options.Kernels);

        WebApplication app = builder.Build();
        app.MapSolaraGateway();
        app.Lifetime.ApplicationStopped.Register(() => redis.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }
}
