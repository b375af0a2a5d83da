namespace Solara.Orleans.Grains.State.Resilience;

/// <summary>What <c>/resourcez</c> shows about the backend's health, read without backend I/O.</summary>
public interface IStateBackendHealth
{
    BreakerState Breaker { get; }

    long BreakerTransitions { get; }

    /// <summary>When a backend call last succeeded; null before the first.</summary>
    DateTimeOffset? LastOk { get; }

    /// <summary>The last backend error and when it happened; null before the first.</summary>
    (string Message, DateTimeOffset At)? LastError { get; }
}
