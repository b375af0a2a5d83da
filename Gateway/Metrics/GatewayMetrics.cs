using System.Diagnostics.Metrics;

namespace Solara.Orleans.Gateway.Metrics;

/// <summary>The gateway's instruments on the <c>Solara.Orleans.Gateway</c> meter: frames and bytes queued
/// to browser sockets. Process-wide (a process runs one gateway); the dashboard reads the same totals.</summary>
public static class GatewayMetrics
{
    public const string MeterName = "Solara.Orleans.Gateway";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly Counter<long> FramesOutCounter = Meter.CreateCounter<long>("solara.gateway.frames.out", "{frame}", "Frames queued to browser sockets");
    private static readonly Counter<long> BytesOutCounter = Meter.CreateCounter<long>("solara.gateway.bytes.out", "By", "Bytes queued to browser sockets");
    private static long _framesOut;
    private static long _bytesOut;

    public static long FramesOut => Interlocked.Read(ref _framesOut);
    public static long BytesOut => Interlocked.Read(ref _bytesOut);

    public static void FrameQueued(int bytes)
    {
        Interlocked.Increment(ref _framesOut);
        Interlocked.Add(ref _bytesOut, bytes);
        FramesOutCounter.Add(1);
        BytesOutCounter.Add(bytes);
    }
}
