namespace Solara.Orleans.Cluster.Transport;

/// <summary>Headers of the gateway → silo forwarding request, and those a silo answers it with when it
/// does not accept it.</summary>
public static class SiloHeaders
{
    /// <summary>The page's session id (a header, so it never lands in a URL or an access log).</summary>
    public const string Session = "X-Solara-Session";

    /// <summary>The kernel lives on another silo: its base URL.</summary>
    public const string Redirect = "X-Solara-Redirect";

    /// <summary>The activation id of the directory entry named by <see cref="Redirect"/>.</summary>
    public const string Activation = "X-Solara-Activation";

    /// <summary>Refused: the WebSocket close code the page should get, and the reason.</summary>
    public const string RefusalCode = "X-Solara-Refusal-Code";
    public const string RefusalReason = "X-Solara-Refusal-Reason";
}
