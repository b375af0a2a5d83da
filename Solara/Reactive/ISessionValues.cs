namespace Solara.Reactive;

/// <summary>The session-wide values as one kernel sees them (set on <see cref="KernelContext.Session"/>
/// by the kernel): one value per key shared by every page of the session, on whichever silo.</summary>
public interface ISessionValues
{
    /// <summary>The session's current value of <paramref name="key"/>, decoded with <paramref name="serializer"/>;
    /// false when the session holds none (or it could not be decoded).</summary>
    bool TryRead(string key, string serializer, out object? value);

    /// <summary>Makes <paramref name="value"/> the session's value of <paramref name="key"/>: stored in the
    /// session grain and pushed to every kernel of the session (this one included).</summary>
    void Publish(string key, string serializer, object? value);

    /// <summary>Calls <paramref name="listener"/>, on this kernel's turn, with every value of
    /// <paramref name="key"/> the session pushes.</summary>
    IDisposable Watch(string key, string serializer, Action<object?> listener);
}
