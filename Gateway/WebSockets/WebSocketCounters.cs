namespace Solara.Orleans.Gateway.WebSockets;

/// <summary>The <c>websockets</c> block of <c>/resourcez</c>.</summary>
public sealed class WebSocketCounters
{
    private long _attempts;
    private long _connecting;
    private long _open;
    private long _closed;

    public long Attempts => Interlocked.Read(ref _attempts);
    public long Connecting => Interlocked.Read(ref _connecting);
    public long Open => Interlocked.Read(ref _open);
    public long Closed => Interlocked.Read(ref _closed);

    public void Attempted() => Interlocked.Increment(ref _attempts);

    public void StartedConnecting() => Interlocked.Increment(ref _connecting);

    public void Opened()
    {
        Interlocked.Decrement(ref _connecting);
        Interlocked.Increment(ref _open);
    }

    public void Refused()
    {
        Interlocked.Decrement(ref _connecting);
        Interlocked.Increment(ref _closed);
    }

    public void ClosedOpen()
    {
        Interlocked.Decrement(ref _open);
        Interlocked.Increment(ref _closed);
    }
}
