namespace Solara.Orleans.Grains.Sessions;

/// <summary>Silo-to-silo calls for session grains (the credentialed <c>/_cluster/sessions/</c> API). A
/// silo that cannot be reached throws (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/>
/// or <see cref="OperationCanceledException"/>). The embedded mode has none: its session grains are local.</summary>
public interface ISessionTransport
{
    Task<SessionReply> CallAsync(string siloEndpoint, string grainId, SessionCall call, CancellationToken cancellationToken = default);

    /// <summary>Returns the kernel ids of <paramref name="delivery"/> that the silo does not host (any more).</summary>
    Task<IReadOnlyList<string>> DeliverAsync(string siloEndpoint, string grainId, SessionDelivery delivery, CancellationToken cancellationToken = default);
}
