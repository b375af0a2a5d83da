using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Gateway.Hosting;

/// <summary>The gateway executable: parses the flags and <c>SOLARA_*</c> settings (and <c>.env</c>),
/// refuses to start on a bad value naming it (exit code 2), and serves until stopped.</summary>
public static class GatewayServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            CommandLine commandLine = CommandLine.Parse(args);
            if (commandLine.Help)
            {
                Console.WriteLine(CommandLine.Usage);
                return 0;
            }
            if (commandLine.Role is not (CommandLine.EmbeddedRole or CommandLine.GatewayRole))
                throw new SettingsException("--role", $"the Gateway executable only runs the gateway role, not '{commandLine.Role}' (run silos with the Silo executable)");
            DotEnvFile.LoadInto(".env");
            SettingsSource settings = SettingsSource.FromEnvironment();
            ServerOptions server = ServerOptions.From(settings, commandLine.Production);
            var options = new GatewayHostOptions(commandLine.Urls(settings), server, KernelOptions.From(settings), ClusterOptions.From(settings));
            await using var app = await GatewayHost.BuildAsync(options);
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
}
