using Solara.Apps;
using Solara.Orleans.Abstractions.Options;
using Solara.Persistence.Codecs;

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
            ServerOptions server = ServerOptions.From(settings, commandLine.Production);
            KernelOptions kernels = KernelOptions.From(settings);
            // Persistence: parsed and validated here (a bad SOLARA_STATE_* value refuses start-up).
            StateOptions state = StateOptions.From(settings, server, kernels);
            StateCodecs.Default.ApplyDeployment(state);
            foreach (string warning in state.Warnings)
                Console.Error.WriteLine($"solara: warning: {warning}");
            if (state.Backend == StateOptions.RedisBackend)
                await RedisStartupCheck.RunAsync(state, line => Console.WriteLine($"solara: {line}"), line => Console.Error.WriteLine($"solara: warning: {line}"));
            var options = new EmbeddedHostOptions(commandLine.Urls(settings), server, kernels, apps) { State = state };
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
