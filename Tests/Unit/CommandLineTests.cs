using Solara.Orleans.Gateway.Hosting;
using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Silo;

namespace Solara.Orleans.Tests.Unit;

public sealed class CommandLineTests
{
    private static readonly SettingsSource NoSettings = new(new Dictionary<string, string>());

    private static SettingsSource Urls(string urls) => new(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = urls });

    [Fact]
    public void No_arguments_listen_on_localhost_8765_in_development()
    {
        CommandLine line = CommandLine.Parse([]);

        Assert.Equal(new CommandLine(null, null, false, false), line);
        Assert.Equal(["http://localhost:8765"], line.Urls(NoSettings));
    }

    [Theory]
    [InlineData("--port", "9000")]
    [InlineData("--port=9000")]
    public void Port_is_taken_as_a_separate_or_inline_value(params string[] args)
    {
        CommandLine line = CommandLine.Parse(args);

        Assert.Equal(9000, line.Port);
        Assert.Equal(["http://localhost:9000"], line.Urls(NoSettings));
    }

    [Fact]
    public void Host_port_and_production_combine()
    {
        CommandLine line = CommandLine.Parse(["--host", "0.0.0.0", "--port", "8080", "--production"]);

        Assert.Equal("0.0.0.0", line.Host);
        Assert.True(line.Production);
        Assert.Equal(["http://0.0.0.0:8080"], line.Urls(NoSettings));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_recognised(string flag)
    {
        Assert.True(CommandLine.Parse([flag]).Help);
        Assert.Contains("--port", CommandLine.Usage);
    }

    [Fact]
    public void Without_host_or_port_ASPNETCORE_URLS_is_honoured()
    {
        Assert.Equal(["http://127.0.0.1:5001", "http://[::1]:5002"], CommandLine.Parse([]).Urls(Urls("http://127.0.0.1:5001; http://[::1]:5002")));
    }

    [Fact]
    public void Host_or_port_flags_win_over_ASPNETCORE_URLS()
    {
        Assert.Equal(["http://localhost:7000"], CommandLine.Parse(["--port", "7000"]).Urls(Urls("http://127.0.0.1:5001")));
        Assert.Equal(["http://127.0.0.2:8765"], CommandLine.Parse(["--host", "127.0.0.2"]).Urls(Urls("http://127.0.0.1:5001")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("80.5")]
    public void A_port_that_is_not_a_port_number_is_refused(string port)
    {
        SettingsException error = Assert.Throws<SettingsException>(() => CommandLine.Parse(["--port", port]));

        Assert.Equal("--port", error.Variable);
        Assert.Contains($"'{port}'", error.Message);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--host")]
    public void A_flag_without_its_value_is_refused(string flag)
    {
        SettingsException error = Assert.Throws<SettingsException>(() => CommandLine.Parse([flag]));

        Assert.Contains($"{flag} needs a value", error.Message);
    }

    [Fact]
    public void An_unknown_argument_is_refused_with_the_usage()
    {
        SettingsException error = Assert.Throws<SettingsException>(() => CommandLine.Parse(["--prot", "80"]));

        Assert.Contains("unknown argument '--prot'", error.Message);
        Assert.Contains("Usage:", error.Message);
    }
}
