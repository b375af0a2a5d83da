using Microsoft.AspNetCore.Connections;

namespace Solara.Orleans.Gateway.Hosting;

/// <summary>Recognises Kestrel's failure to bind a listen address another process holds, so the
/// executables refuse to start with a clear line instead of crashing with a stack trace.</summary>
public static class AddressInUse
{
    public static bool Is(Exception error) => error is IOException { InnerException: AddressInUseException };

    public static string Explain(Exception error) =>
        $"{error.Message} Choose another address with --host/--port (or ASPNETCORE_URLS), or stop what listens there.";
}
