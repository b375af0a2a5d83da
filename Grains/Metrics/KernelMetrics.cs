using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Grains.Metrics;

/// <summary>One silo's instruments on the <c>Solara.Orleans.Kernels</c> meter: messages in and out by
/// <c>msg_type</c>, turn duration, mailbox queue length, errors, kernel starts and closes, and the
/// state backend's restore and flush outcomes. Each silo owns its meter, so its
/// <see cref="Aggregate"/> listener sees only its own measurements (tests host several silos in one process).</summary>
public sealed class KernelMetrics : IDisposable
{
    public const string MeterName = "Solara.Orleans.Kernels";
    public const string MessagesIn = "solara.kernel.messages.in";
    public const string MessagesOut = "solara.kernel.messages.out";
    public const string TurnDuration = "solara.kernel.turn.duration";
    public const string MailboxQueued = "solara.kernel.mailbox.queued";
    public const string Active = "solara.kernel.active";
    public const string Errors = "solara.kernel.errors";
    public const string Starts = "solara.kernel.starts";
    public const string Closes = "solara.kernel.closes";
    public const string Restores = "solara.state.restores";
    public const string Flushes = "solara.state.flushes";

    private readonly Meter _meter;
    private readonly Counter<long> _messagesIn;
    private readonly Counter<long> _messagesOut;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _starts;
    private readonly Counter<long> _closes;
    private readonly Histogram<double> _turnDuration;
    private readonly ConcurrentDictionary<KernelGrain, byte> _live = new();

    /// <param name="state">the silo's state counters, observed as <c>solara.state.*</c>; null when persistence is off.</param>
    public KernelMetrics(StateStats? state)
    {
        _meter = new Meter(MeterName, "1.0");
        _messagesIn = _meter.CreateCounter<long>(MessagesIn, "{message}", "Messages received from pages, by msg_type");
        _messagesOut = _meter.CreateCounter<long>(MessagesOut, "{message}", "Messages sent to pages, by msg_type");
        _errors = _meter.CreateCounter<long>(Errors, "{error}", "Error replies and failed turns, by kind");
        _starts = _meter.CreateCounter<long>(Starts, "{kernel}", "Kernel activations started");
        _closes = _meter.CreateCounter<long>(Closes, "{kernel}", "Kernel activations closed, by reason");
        _turnDuration = _meter.CreateHistogram<double>(TurnDuration, "ms", "Time one request turn runs (handler, render, diff)");
        _meter.CreateObservableGauge(MailboxQueued, () => _live.Keys.Sum(k => (long)k.Mailbox.Pending), "{turn}", "Turns queued in kernel mailboxes");
        _meter.CreateObservableUpDownCounter(Active, () => (long)_live.Count, "{kernel}", "Live kernel activations");
        if (state is not null)
        {
            _meter.CreateObservableCounter(Restores, () => StateCounters.Restores(state), "{restore}", "State restores, by outcome");
            _meter.CreateObservableCounter(Flushes, () => StateCounters.Flushes(state), "{flush}", "State flushes, by outcome");
        }
        Aggregate = new MetricsAggregator(_meter);
    }

    /// <summary>This silo's measurements so far, for the <c>metrics</c> block of its report.</summary>
    public MetricsAggregator Aggregate { get; }

    public void MessageIn(string msgType) => _messagesIn.Add(1, new KeyValuePair<string, object?>("msg_type", msgType));

    public void MessageOut(string msgType)
    {
        _messagesOut.Add(1, new KeyValuePair<string, object?>("msg_type", msgType));
        if (msgType == "error")
            _errors.Add(1, new KeyValuePair<string, object?>("kind", "error_reply"));
    }

    public void TurnFailed() => _errors.Add(1, new KeyValuePair<string, object?>("kind", "turn_failed"));

    /// <summary>A request turn that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) has ended.</summary>
    public void TurnCompleted(long startTimestamp) => _turnDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void KernelStarted(KernelGrain kernel)
    {
        _live[kernel] = 0;
        _starts.Add(1);
    }

    public void KernelClosed(KernelGrain kernel, string reason)
    {
        _live.TryRemove(kernel, out _);
        _closes.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }

    public void Dispose()
    {
        Aggregate.Dispose();
        _meter.Dispose();
    }
}
