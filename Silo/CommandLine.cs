using System.Globalization;
using Solara.Orleans.Abstractions.Options;

namespace Solara.Orleans.Silo;

/// <summary>The embedded server's flags: <c>--port</c>, <c>--host</c>, <c>--production</c>.</summary>
public sealed record CommandLine(int? Port, string? Host, bool Production, bool Help)
{
    public const string Usage = """
        Usage: dotnet run --project Silo -- [--host HOST] [--port PORT] [--production]

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
        return new CommandLine(port, host, production, help);
    }

    /// <summary>Flags win, then ASPNETCORE_URLS, then http://localhost:8765.</summary>
    public IReadOnlyList<string> Urls(SettingsSource settings)
    {
        if (Port is null && Host is null && settings.Raw("ASPNETCORE_URLS") is { Length: > 0 } urls)
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [$"http://{Host ?? "localhost"}:{Port ?? 8765}"];
    }
}
