namespace Solara.Orleans.Grains.Sessions;

/// <summary>One per <c>solara-session-id</c> cookie: the kernels that session holds.</summary>
public sealed class SessionGrain(string sessionId)
{
    private readonly HashSet<string> _kernels = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public string SessionId => sessionId;

    public int KernelCount
    {
        get { lock (_lock) return _kernels.Count; }
    }

    public void KernelStarted(string kernelId)
    {
        lock (_lock) _kernels.Add(kernelId);
    }

    /// <summary>Returns true when the session holds no kernel any more.</summary>
    public bool KernelClosed(string kernelId)
    {
        lock (_lock)
        {
            _kernels.Remove(kernelId);
            return _kernels.Count == 0;
        }
    }
}
