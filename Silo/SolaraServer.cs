using Solara.Apps;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Silo;

/// <summary>The embedded server as a program: parses the flags and <c>SOLARA_*</c> settings (and
/// <c>.env</c>), refuses to start on a bad value naming it, and serves <paramref name="apps"/>.
/// An app project's whole <c>Program.cs</c> can be <c>return await SolaraServer.RunAsync(args, [new MyApp()]);</c>.</summary>
public static class SolaraServer
{
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<SolaraApp> apps)
    {
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
                apps);
            await using var app = EmbeddedHost.Build(options);
            await app.RunAsync();
            return 0;
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"solara: refusing to start: {e.Message}");
            return 2;
        }
    }
}
