namespace Solara.Orleans.Grains.Runtime;

/// <summary>One per activation: runs that activation's tasks one at a time, in order, on the
/// <see cref="ElasticThreadPool"/>. Awaits inside a turn resume here, so a grain's code never
/// runs concurrently with itself.</summary>
public sealed class ActivationScheduler : TaskScheduler
{
    [ThreadStatic]
    private static ActivationScheduler? s_running;

    private readonly ElasticThreadPool _pool;
    private readonly Queue<Task> _tasks = new();
    private readonly object _lock = new();
    private readonly Action _drain;
    private bool _scheduled;

    public ActivationScheduler(ElasticThreadPool pool)
    {
        _pool = pool;
        _drain = Drain;
    }

    /// <summary>True on a thread currently running this activation's tasks.</summary>
    public bool IsCurrent => s_running == this;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        lock (_lock)
        {
            _tasks.Enqueue(task);
            if (_scheduled)
                return;
            _scheduled = true;
        }
        _pool.Post(_drain);
    }

    private void Drain()
    {
        s_running = this;
        try
        {
            while (true)
            {
                Task next;
                lock (_lock)
                {
                    if (!_tasks.TryDequeue(out next!))
                    {
                        _scheduled = false;
                        return;
                    }
                }
                TryExecuteTask(next);
            }
        }
        finally
        {
            s_running = null;
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && IsCurrent && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_lock)
            return _tasks.ToArray();
    }
}
