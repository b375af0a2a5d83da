using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Gateway.Hosting;

/// <summary>The web host every role starts from: the environment from the mode, the listen URLs, the
/// HTTP keep-alive for roles that serve browsers (<c>SOLARA_HTTP_KEEPALIVE</c>; a silo, called only by
/// gateways and peers over pooled connections, keeps Kestrel's own), and one-line console logging with
/// ASP.NET's own chatter at Warning.</summary>
public static class SolaraWebHost
{
    public static WebApplicationBuilder CreateBuilder(ServerOptions server, IReadOnlyList<string> urls, Assembly application, Action<ILoggingBuilder>? logging, bool servesBrowsers)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = server.IsProduction ? Environments.Production : Environments.Development,
            ApplicationName = application.GetName().Name,
        });
        builder.WebHost.UseUrls([.. urls]);
        if (servesBrowsers)
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.KeepAliveTimeout = server.HttpKeepAlive);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        return builder;
    }
}
