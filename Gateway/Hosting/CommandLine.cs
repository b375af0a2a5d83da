using System.Globalization;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Gateway.Hosting;

/// <summary>The server flags: <c>--role</c>, <c>--port</c>, <c>--host</c>, <c>--production</c>.</summary>
public sealed record CommandLine(int? Port, string? Host, bool Production, bool Help, string Role = CommandLine.EmbeddedRole)
{
    public const string EmbeddedRole = "embedded";
    public const string SiloRole = "silo";
    public const string GatewayRole = "gateway";

    public const string Usage = """
        Usage: dotnet run --project Silo -- [--role embedded|silo] [--host HOST] [--port PORT] [--production]
               dotnet run --project Gateway -- [--host HOST] [--port PORT] [--production]

          --role ROLE     embedded (default: gateway and silo in one process, the samples on :8765)
                          or silo (grains only; internal endpoints for gateways, needs SOLARA_CLUSTER_*)
          --host HOST     interface to listen on (default localhost)
          --port PORT     port to listen on (default 8765)
          --production    production mode (same as SOLARA_MODE=production)

        Without --host/--port, ASPNETCORE_URLS is honoured when set.
        Settings come from SOLARA_* environment variables and a .env file; see README.md.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        int? port = null;
        string? host = null;
        bool production = false, help = false;
        string role = EmbeddedRole;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inline = arg.Contains('=') ? arg[(arg.IndexOf('=') + 1)..] : null;
            string name = inline is null ? arg : arg[..arg.IndexOf('=')];
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new SettingsException(name, $"{name} needs a value"));
            switch (name)
            {
                case "--port":
                    string p = Value();
                    port = int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is > 0 and < 65536
                        ? n : throw new SettingsException("--port", $"--port '{p}' is not a port number (1-65535)");
                    break;
                case "--host":
                    host = Value();
                    break;
                case "--role":
                    role = Value();
                    if (role is not (EmbeddedRole or SiloRole or GatewayRole))
                        throw new SettingsException("--role", $"--role '{role}' is not one of embedded, silo, gateway");
                    break;
                case "--production":
                    production = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new SettingsException(arg, $"unknown argument '{arg}'\n{Usage}");
            }
        }
        return new CommandLine(port, host, production, help, role);
    }

    /// <summary>Flags win, then ASPNETCORE_URLS, then http://localhost:8765.</summary>
    public IReadOnlyList<string> Urls(SettingsSource settings)
    {
        if (Port is null && Host is null && settings.Raw("ASPNETCORE_URLS") is { Length: > 0 } urls)
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [$"http://{Host ?? "localhost"}:{Port ?? 8765}"];
    }
}
