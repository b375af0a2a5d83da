using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Tests.Unit;

public sealed class KernelOptionsTests
{
    private static KernelOptions From(params (string Name, string Value)[] values) =>
        KernelOptions.From(new SettingsSource(values.ToDictionary(v => v.Name, v => v.Value)));

    [Fact]
    public void Defaults_are_a_day_of_cull_timeout_no_kernel_limit_and_100_per_session()
    {
        KernelOptions options = From();

        Assert.Equal(TimeSpan.FromHours(24), options.CullTimeout);
        Assert.Null(options.MaxCount);
        Assert.Equal(100, options.MaxPerSession);
        Assert.Equal(16 * 1024 * 1024, options.MaxFrameBytes);
    }

    [Theory]
    [InlineData("SOLARA_KERNELS_MAX_COUNT")]
    [InlineData("SOLARA_KERNEL_MAX_COUNT")]
    public void Max_count_is_read_from_the_documented_name_or_its_alias(string name)
    {
        Assert.Equal(5, From((name, "5")).MaxCount);
        Assert.Equal(12, From((name, " 12 ")).MaxCount);
    }

    [Fact]
    public void The_documented_max_count_name_wins_over_the_alias()
    {
        Assert.Equal(2, From(("SOLARA_KERNELS_MAX_COUNT", "2"), ("SOLARA_KERNEL_MAX_COUNT", "9")).MaxCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_max_count_means_unlimited(string value)
    {
        Assert.Null(From(("SOLARA_KERNELS_MAX_COUNT", value)).MaxCount);
        Assert.Null(From(("SOLARA_KERNEL_MAX_COUNT", value)).MaxCount);
    }

    [Theory]
    [InlineData("SOLARA_KERNELS_MAX_COUNT", "lots")]
    [InlineData("SOLARA_KERNELS_MAX_COUNT", "-1")]
    [InlineData("SOLARA_KERNELS_MAX_COUNT", "1.5")]
    [InlineData("SOLARA_KERNEL_MAX_COUNT", "ten")]
    [InlineData("SOLARA_KERNEL_MAX_PER_SESSION", "many")]
    [InlineData("SOLARA_MAX_FRAME_BYTES", "big")]
    public void Malformed_counts_stop_start_up_naming_the_variable(string name, string value)
    {
        SettingsException error = Assert.Throws<SettingsException>(() => From((name, value)));

        Assert.Equal(name, error.Variable);
        Assert.Contains(name, error.Message);
        Assert.Contains($"'{value}'", error.Message);
    }

    [Fact]
    public void Cull_timeout_uses_the_duration_parser()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(300), From(("SOLARA_KERNEL_CULL_TIMEOUT", "300ms")).CullTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), From(("SOLARA_KERNEL_CULL_TIMEOUT", "90")).CullTimeout);
        Assert.Equal(TimeSpan.FromMinutes(90), From(("SOLARA_KERNEL_CULL_TIMEOUT", "1.5h")).CullTimeout);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("-1s")]
    public void Malformed_cull_timeout_stops_start_up_naming_the_variable(string value)
    {
        SettingsException error = Assert.Throws<SettingsException>(() => From(("SOLARA_KERNEL_CULL_TIMEOUT", value)));

        Assert.Equal("SOLARA_KERNEL_CULL_TIMEOUT", error.Variable);
        Assert.Contains("SOLARA_KERNEL_CULL_TIMEOUT", error.Message);
    }

    [Fact]
    public void Max_frame_bytes_below_the_minimum_is_refused()
    {
        Assert.Equal(4096, From(("SOLARA_MAX_FRAME_BYTES", "4096")).MaxFrameBytes);
        SettingsException error = Assert.Throws<SettingsException>(() => From(("SOLARA_MAX_FRAME_BYTES", "100")));
        Assert.Equal("SOLARA_MAX_FRAME_BYTES", error.Variable);
        Assert.Contains("1024", error.Message);
    }

    [Fact]
    public void Max_per_session_is_read_and_zero_is_allowed()
    {
        Assert.Equal(0, From(("SOLARA_KERNEL_MAX_PER_SESSION", "0")).MaxPerSession);
        Assert.Equal(3, From(("SOLARA_KERNEL_MAX_PER_SESSION", "3")).MaxPerSession);
    }
}
