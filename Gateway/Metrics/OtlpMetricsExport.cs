using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Solara.Orleans.Gateway.Metrics;

/// <summary>Exports the Solara meters over OTLP while the host runs, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (protocol, headers and interval from the other standard <c>OTEL_*</c> variables). A process that
/// hosts a silo exports the kernel meter too. Stopping the host flushes the last export.</summary>
public sealed class OtlpMetricsExport(string endpoint, string serviceName, ILogger<OtlpMetricsExport> logger) : IHostedService
{
    public const string KernelMeterName = "Solara.Orleans.Kernels";

    private MeterProvider? _provider;

    /// <summary>Registers the export when <paramref name="endpoint"/> is set; nothing otherwise.</summary>
    public static IServiceCollection AddIfConfigured(IServiceCollection services, string? endpoint, string serviceName)
    {
        if (endpoint is not null)
        {
            services.AddHostedService(sp =>
            {
                // The gateway's observable instruments exist once this singleton does (a silo-only host has none).
                sp.GetService<GatewayMetrics>();
                return new OtlpMetricsExport(endpoint, serviceName, sp.GetRequiredService<ILogger<OtlpMetricsExport>>());
            });
        }
        return services;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName))
            .AddMeter(GatewayMetrics.MeterName, KernelMeterName)
            .AddOtlpExporter((OtlpExporterOptions exporter) => exporter.Endpoint = EndpointFor(endpoint, exporter.Protocol))
            .Build();
        logger.LogInformation("exporting metrics over OTLP to {Endpoint} (meters {Gateway}, {Kernels})", endpoint, GatewayMetrics.MeterName, KernelMeterName);
        return Task.CompletedTask;
    }

    /// <summary>Like the exporter reading the variable itself: over http/protobuf a base URL gets the
    /// signal path <c>v1/metrics</c>; gRPC takes it as is. (Set here, it is honoured from a <c>.env</c> file too.)</summary>
    public static Uri EndpointFor(string endpoint, OtlpExportProtocol protocol)
    {
        var uri = new Uri(endpoint);
        if (protocol == OtlpExportProtocol.HttpProtobuf && !uri.AbsolutePath.EndsWith("/v1/metrics", StringComparison.Ordinal))
            uri = new Uri(uri, uri.AbsolutePath.TrimEnd('/') + "/v1/metrics");
        return uri;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _provider?.Dispose();
        _provider = null;
        return Task.CompletedTask;
    }
}
