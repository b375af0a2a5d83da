namespace Solara.Orleans.Grains.State;

/// <summary>The bail-out storm valve (<c>SOLARA_STATE_BAILOUT_STORM_THRESHOLD</c>): when more than
/// that fraction of recent restores bailed out, something fleet-wide is wrong (typically mismatched
/// <c>SOLARA_STATE_SECRET_KEYS</c> across replicas, or a renamed record type), and showing every user
/// the refresh dialog helps no one: bail-outs then start silently fresh instead.
/// <para>The window is the last <see cref="WindowSize"/> restores that found stored values
/// (<c>success</c> or <c>bailout</c>; misses, schema resets and backend errors decode nothing and
/// are not counted). The valve judges only once the window holds <see cref="MinimumSamples"/>
/// restores, so one bad envelope on a quiet server still shows its dialog. Process-wide and thread-safe.</para></summary>
public sealed class BailoutStormValve(double threshold, int windowSize = BailoutStormValve.WindowSize, int minimumSamples = BailoutStormValve.MinimumSamples)
{
    public const int WindowSize = 20;
    public const int MinimumSamples = 10;

    private readonly Lock _lock = new();
    private readonly Queue<bool> _window = new();
    private int _bailouts;

    /// <summary>Whether the valve is open (bail-outs are silent) after the last recorded restore.</summary>
    public bool Open { get; private set; }

    public double Threshold => threshold;

    /// <summary>Records one restore that found stored values; returns the state change, if any
    /// (true: the valve just opened, false: it just closed, null: unchanged).</summary>
    public bool? Record(bool bailedOut)
    {
        lock (_lock)
        {
            _window.Enqueue(bailedOut);
            if (bailedOut)
                _bailouts++;
            if (_window.Count > windowSize && _window.Dequeue())
                _bailouts--;
            bool open = _window.Count >= minimumSamples && (double)_bailouts / _window.Count > threshold;
            if (open == Open)
                return null;
            Open = open;
            return open;
        }
    }

    /// <summary>Bail-outs in the window, and the window's current size.</summary>
    public (int Bailouts, int Restores) Snapshot()
    {
        lock (_lock)
            return (_bailouts, _window.Count);
    }
}
