using System.Collections.Concurrent;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>The live session grains of this silo; a session with no kernel left is dropped.</summary>
public sealed class SessionDirectory
{
    private readonly ConcurrentDictionary<string, SessionGrain> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public SessionGrain Get(string sessionId) => _sessions.GetOrAdd(sessionId, id => new SessionGrain(id));

    public void KernelClosed(string sessionId, string kernelId)
    {
        if (_sessions.TryGetValue(sessionId, out SessionGrain? session) && session.KernelClosed(kernelId))
            _sessions.TryRemove(new KeyValuePair<string, SessionGrain>(sessionId, session));
    }
}
