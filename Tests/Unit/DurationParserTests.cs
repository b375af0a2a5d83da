using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Tests.Unit;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("0.5s", 500)]
    [InlineData(".5m", 30_000)]
    [InlineData("2.", 2_000)]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    [InlineData("45", 45_000)]
    [InlineData("1.25", 1_250)]
    [InlineData(" 10s ", 10_000)]
    [InlineData("10 s", 10_000)]
    public void Accepts_a_number_with_a_unit_and_reads_a_bare_number_as_seconds(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out TimeSpan duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.Equal(duration, DurationParser.Parse("SOLARA_ANY", text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("banana")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    [InlineData("1e3s")]
    [InlineData("1,5s")]
    [InlineData("5mm")]
    [InlineData("5w")]
    [InlineData("1h30m")]
    [InlineData("99999999999999999999999d")]
    public void Rejects_malformed_durations(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(DurationParser.TryParse(null, out _));
    }

    [Fact]
    public void Malformed_value_is_refused_with_a_message_naming_the_variable_the_value_and_examples()
    {
        SettingsException error = Assert.Throws<SettingsException>(() => DurationParser.Parse("SOLARA_KERNEL_CULL_TIMEOUT", "banana"));

        Assert.Equal("SOLARA_KERNEL_CULL_TIMEOUT", error.Variable);
        Assert.Contains("SOLARA_KERNEL_CULL_TIMEOUT", error.Message);
        Assert.Contains("'banana'", error.Message);
        Assert.Contains("30s", error.Message);
    }
}
