using Solara.Orleans.Grains.Kernels;
using Solara.Reactive;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>One kernel's view of its session's values: the encoded values it was admitted with, kept
/// current by the session grain's pushes (<see cref="Receive"/>, on the kernel's turn), decoded for the
/// SDK on read. Every method runs on the kernel's turn.</summary>
public sealed class KernelSessionValues(KernelGrain kernel, SessionDirectory sessions, IReadOnlyDictionary<string, byte[]>? admitted) : ISessionValues
{
    private readonly string _grainId = SessionGrainId.For(kernel.SessionId);
    private readonly Dictionary<string, byte[]> _values = admitted is null ? new(StringComparer.Ordinal) : new(admitted, StringComparer.Ordinal);
    private readonly List<Watcher> _watchers = [];
    // One publish after the other, off the kernel's turn: the session grain sees this kernel's changes in order.
    private Task _publishing = Task.CompletedTask;

    public bool TryRead(string key, string serializer, out object? value)
    {
        value = null;
        return _values.TryGetValue(key, out byte[]? bytes) && sessions.Codec.TryDecode(_grainId, key, serializer, bytes, out value);
    }

    public void Publish(string key, string serializer, object? value)
    {
        byte[] encoded = sessions.Codec.Encode(_grainId, key, serializer, value);
        _values[key] = encoded;
        _publishing = _publishing.ContinueWith(_ => sessions.PublishAsync(kernel, key, encoded), TaskScheduler.Default).Unwrap();
    }

    public IDisposable Watch(string key, string serializer, Action<object?> listener)
    {
        var watcher = new Watcher(key, serializer, listener, _watchers);
        _watchers.Add(watcher);
        return watcher;
    }

    /// <summary>A value the session grain pushed; re-renders whatever read it (the turn ends with a render).</summary>
    public void Receive(string key, byte[] value)
    {
        _values[key] = value;
        foreach (Watcher watcher in _watchers.Where(w => w.Key == key).ToArray())
        {
            if (sessions.Codec.TryDecode(_grainId, key, watcher.Serializer, value, out object? decoded))
                watcher.Listener(decoded);
        }
    }

    private sealed record Watcher(string Key, string Serializer, Action<object?> Listener, List<Watcher> Owner) : IDisposable
    {
        public void Dispose() => Owner.Remove(this);
    }
}
