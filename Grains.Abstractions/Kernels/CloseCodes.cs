namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>WebSocket close codes this server uses (RFC 6455 section 7.4.1).</summary>
public static class CloseCodes
{
    public const int Normal = 1000;
    public const int GoingAway = 1001;
    public const int InvalidPayload = 1007;
    public const int PolicyViolation = 1008;
    public const int MessageTooBig = 1009;
    public const int InternalError = 1011;
    public const int TryAgainLater = 1013;
}
