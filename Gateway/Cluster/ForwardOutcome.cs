using System.Net.WebSockets;

namespace Solara.Orleans.Gateway.Cluster;

/// <summary>What opening a forwarding socket to a silo gave.</summary>
public abstract record ForwardOutcome
{
    /// <summary>The silo accepted the page: frames flow over <paramref name="Socket"/>.</summary>
    public sealed record Connected(WebSocket Socket) : ForwardOutcome;

    /// <summary>The kernel is registered on another silo (possibly a dead one not yet declared so).</summary>
    public sealed record Redirected(string Endpoint, string ActivationId) : ForwardOutcome;

    /// <summary>The silo refused the page; the page gets this close code and reason.</summary>
    public sealed record Refused(int Code, string Reason) : ForwardOutcome;

    /// <summary>The silo could not be reached (or answered something unexpected).</summary>
    public sealed record Unreachable(string Error) : ForwardOutcome;
}
