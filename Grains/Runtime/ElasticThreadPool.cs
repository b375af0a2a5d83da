namespace Solara.Orleans.Grains.Runtime;

/// <summary>Dedicated threads for grain turns. While fewer threads than cores exist, work that finds
/// no idle thread starts a new one at once; beyond that, a new thread starts only when the queue
/// made no progress for a while (every thread is blocked in app code, or starved of CPU), up to
/// <see cref="MaxThreads"/>. That while starts at <see cref="StarvationDelay"/> and doubles with each
/// thread added this way, up to <see cref="MaxStarvationDelay"/>, until some thread finds the queue
/// empty: blocked turns get threads within milliseconds, while an overloaded machine (threads merely
/// descheduled) does not grow hundreds of threads that would time-slice against each other. Idle threads
/// above the minimum exit after <see cref="IdleTimeout"/>. This is what lets app code block
/// synchronously without starving other kernels or the ASP.NET thread pool.</summary>
public sealed class ElasticThreadPool : IDisposable
{
    private readonly Queue<Action> _queue = new();
    private readonly object _lock = new();
    private readonly Timer _starvation;
    private int _threads;
    private int _idle;
    private int _pendingWakeups;
    private long _started;
    private long _executed;
    private long _dequeued;
    private long _dequeuedWhenArmed;
    private bool _starvationArmed;
    private TimeSpan _nextStarvationDelay;
    private bool _disposed;

    public ElasticThreadPool(int minThreads = 2, int maxThreads = 1024, TimeSpan? idleTimeout = null, TimeSpan? starvationDelay = null)
    {
        MinThreads = minThreads;
        MaxThreads = maxThreads;
        IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(30);
        StarvationDelay = starvationDelay ?? TimeSpan.FromMilliseconds(2);
        MaxStarvationDelay = StarvationDelay * 25;
        _nextStarvationDelay = StarvationDelay;
        ImmediateThreads = Math.Clamp(Environment.ProcessorCount, minThreads, maxThreads);
        _starvation = new Timer(_ => CheckStarvation(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public int MinThreads { get; }
    public int MaxThreads { get; }
    public TimeSpan IdleTimeout { get; }

    /// <summary>How long queued work may first go without any of it starting before another thread is added.</summary>
    public TimeSpan StarvationDelay { get; }

    /// <summary>The longest wait between two threads added for starvation while the queue never empties.</summary>
    public TimeSpan MaxStarvationDelay { get; }

    /// <summary>Up to this many threads (the core count, within the bounds) start without waiting for starvation.</summary>
    public int ImmediateThreads { get; }

    public PoolSnapshot Snapshot()
    {
        lock (_lock)
            return new PoolSnapshot(_threads, _idle, _threads - _idle, _queue.Count, _started, _executed);
    }

    public void Post(Action work)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Enqueue(work);
            if (_idle > _pendingWakeups)
            {
                _pendingWakeups++;
                Monitor.Pulse(_lock);
            }
            else if (_threads < ImmediateThreads)
            {
                StartThread();
            }
            else if (_threads < MaxThreads)
            {
                ArmStarvationCheck();
            }
        }
    }

    private void ArmStarvationCheck()
    {
        if (_starvationArmed)
            return;
        _starvationArmed = true;
        _dequeuedWhenArmed = _dequeued;
        _starvation.Change(_nextStarvationDelay, Timeout.InfiniteTimeSpan);
    }

    private void CheckStarvation()
    {
        lock (_lock)
        {
            _starvationArmed = false;
            if (_disposed || _queue.Count == 0 || _idle > _pendingWakeups)
                return;
            if (_dequeued == _dequeuedWhenArmed && _threads < MaxThreads)
            {
                StartThread();
                _nextStarvationDelay = TimeSpan.FromTicks(Math.Min(_nextStarvationDelay.Ticks * 2, MaxStarvationDelay.Ticks));
            }
            if (_threads < MaxThreads)
                ArmStarvationCheck();
        }
    }

    private void StartThread()
    {
        _threads++;
        _started++;
        var thread = new Thread(WorkerLoop)
        {
            IsBackground = true,
            Name = $"solara-turn-{_started}",
        };
        thread.Start();
    }

    private void WorkerLoop()
    {
        while (TryTake(out Action? work))
        {
            try
            {
                work!();
            }
            catch (Exception e)
            {
                // Work items are scheduler drains that catch their own failures; this is a last line.
                Console.Error.WriteLine($"solara.runtime unhandled exception in turn thread: {e}");
            }
            Interlocked.Increment(ref _executed);
        }
    }

    private bool TryTake(out Action? work)
    {
        lock (_lock)
        {
            while (_queue.Count == 0)
            {
                _nextStarvationDelay = StarvationDelay;
                if (_disposed)
                    return Exit(out work);
                _idle++;
                bool signalled = Monitor.Wait(_lock, IdleTimeout);
                _idle--;
                if (signalled)
                    _pendingWakeups--;
                // A wake-up aimed at a waiter that had already timed out is lost; never count more pending than waiting.
                _pendingWakeups = Math.Min(_pendingWakeups, _idle);
                if (!signalled && _queue.Count == 0 && _threads > MinThreads)
                    return Exit(out work);
            }
            work = _queue.Dequeue();
            _dequeued++;
            return true;
        }
    }

    private bool Exit(out Action? work)
    {
        _threads--;
        work = null;
        return false;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Monitor.PulseAll(_lock);
        }
        _starvation.Dispose();
    }
}

public readonly record struct PoolSnapshot(int Threads, int Idle, int Busy, int Queued, long ThreadsStarted, long ItemsExecuted);
