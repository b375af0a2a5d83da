using Solara.Orleans.Gateway.Hosting;
using Solara.Apps;
using Solara.Orleans.Abstractions.Options;
using Solara.Persistence.Codecs;
using Solara.Orleans.Silo.Cluster;

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
            if (commandLine.Role == CommandLine.SiloRole)
                return await RunSiloAsync(commandLine.Urls(settings), server, kernels, state, ClusterOptions.From(settings), apps);
            if (commandLine.Role != CommandLine.EmbeddedRole)
                throw new SettingsException("--role", $"the Silo executable runs the embedded or silo role, not '{commandLine.Role}' (run gateways with the Gateway executable)");
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
        catch (Exception e) when (AddressInUse.Is(e))
        {
            Console.Error.WriteLine($"solara: refusing to start: {AddressInUse.Explain(e)}");
            return 2;
        }
    }

    private static async Task<int> RunSiloAsync(IReadOnlyList<string> urls, ServerOptions server, KernelOptions kernels, StateOptions state,
        ClusterOptions cluster, IReadOnlyList<SolaraApp> apps)
    {
        if (state.Backend == StateOptions.MemoryBackend)
            throw new SettingsException("SOLARA_STATE_BACKEND",
                "SOLARA_STATE_BACKEND=memory cannot be shared by the silos of a cluster: use redis (state then survives a silo), or leave persistence off");
        await using var app = await SiloHost.BuildAsync(new SiloHostOptions(urls, server, kernels, state, cluster, apps));
        await app.RunAsync();
        // Peers declared this silo dead (SiloHost set the code): it stopped and must be restarted.
        return Environment.ExitCode;
    }
}
