using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Gateway.Metrics;

namespace Solara.Orleans.Tests.Dashboard;

public sealed class DashboardSettingsTests
{
    private static ServerOptions From(params (string Name, string Value)[] values) =>
        ServerOptions.From(new SettingsSource(values.ToDictionary(v => v.Name, v => v.Value)), productionFlag: false);

    [Fact]
    public void The_dashboard_token_and_the_otlp_endpoint_are_read_and_empty_means_unset()
    {
        Assert.Null(From().DashboardToken);
        Assert.Null(From(("SOLARA_DASHBOARD_TOKEN", "")).DashboardToken);
        Assert.Equal("s3cret", From(("SOLARA_DASHBOARD_TOKEN", "s3cret")).DashboardToken);
        Assert.Null(From().OtlpEndpoint);
        Assert.Equal("http://collector:4317", From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")).OtlpEndpoint);
    }

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("ftp://collector")]
    public void A_malformed_otlp_endpoint_refuses_to_start_naming_the_variable(string value)
    {
        SettingsException error = Assert.Throws<SettingsException>(() => From(("OTEL_EXPORTER_OTLP_ENDPOINT", value)));

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", error.Message);
    }

    [Theory]
    [InlineData("http://collector:4318", OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, "http://collector:4318/v1/metrics")]
    [InlineData("http://collector:4318/otlp/", OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, "http://collector:4318/otlp/v1/metrics")]
    [InlineData("http://collector:4318/v1/metrics", OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, "http://collector:4318/v1/metrics")]
    [InlineData("http://collector:4317", OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, "http://collector:4317/")]
    public void Over_http_the_signal_path_is_added_to_a_base_endpoint(string endpoint, OpenTelemetry.Exporter.OtlpExportProtocol protocol, string expected)
    {
        Assert.Equal(expected, OtlpMetricsExport.EndpointFor(endpoint, protocol).ToString());
    }
}
