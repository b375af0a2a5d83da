using Solara.Orleans.Abstractions.Options;
using Solara.Orleans.Silo;
using Solara.Samples;

try
{
    CommandLine commandLine = CommandLine.Parse(args);
    if (commandLine.Help)
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }
    DotEnvFile.LoadInto(".env");
    SettingsSource settings = SettingsSource.FromEnvironment();
    var options = new EmbeddedHostOptions(
        commandLine.Urls(settings),
        ServerOptions.From(settings, commandLine.Production),
        KernelOptions.From(settings),
        SampleApps.All);
    await using var app = EmbeddedHost.Build(options);
    await app.RunAsync();
    return 0;
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"solara: refusing to start: {e.Message}");
    return 2;
}
