using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Solara.Orleans.Gateway.Metrics;

/// <summary>Exports the Solara meters over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (protocol,
/// headers and interval from the other standard <c>OTEL_*</c> variables). A process that hosts a silo
/// exports the kernel meter too.</summary>
public static class OtlpMetricsExport
{
    public const string KernelMeterName = "Solara.Orleans.Kernels";

    /// <summary>The running exporter (dispose it on shutdown to flush); null when no endpoint is configured.</summary>
    public static MeterProvider? StartIfConfigured(string? endpoint, string serviceName)
    {
        if (endpoint is null)
            return null;
        return Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName))
            .AddMeter(GatewayMetrics.MeterName, KernelMeterName)
            .AddOtlpExporter((OtlpExporterOptions exporter) => exporter.Endpoint = new Uri(endpoint))
            .Build();
    }
}
