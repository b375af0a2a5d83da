using Solara.Reactive;

namespace Solara.Rendering;

/// <summary>The state of one UseTask: the current run, and its snapshot for rendering. Runs are
/// numbered; anything a superseded run posts back is ignored.</summary>
internal sealed class TaskSlot<T>(ComponentNode node) : IHookSlot
{
    private CancellationTokenSource? _run;
    private int _generation;

    public string Kind => "UseTask";
    public bool Started { get; set; }
    public object?[]? Dependencies { get; set; }
    public TaskState<T> State { get; private set; } = new(TaskRunStatus.Pending, null, default, null, () => { });

    public void MarkPending()
    {
        CancelCurrent();
        State = new TaskState<T>(TaskRunStatus.Pending, null, default, null, CancelCurrent);
    }

    public void Start(Func<TaskContext, Task<T>> work)
    {
        CancelCurrent();
        KernelContext kernel = node.Root.Context;
        var run = CancellationTokenSource.CreateLinkedTokenSource(kernel.Closing);
        _run = run;
        int generation = ++_generation;
        Publish(generation, s => s with { Status = TaskRunStatus.Running, Cancel = CancelCurrent });
        var context = new TaskContext(run.Token, fraction => Post(kernel, generation, s => s with { Progress = fraction }));
        _ = Task.Run(async () =>
        {
            try
            {
                T result = await work(context);
                run.Token.ThrowIfCancellationRequested();
                Post(kernel, generation, s => s with { Status = TaskRunStatus.Finished, Result = result, Progress = 1 });
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                Post(kernel, generation, s => s with { Status = TaskRunStatus.Cancelled });
            }
            catch (Exception e)
            {
                Post(kernel, generation, s => s with { Status = TaskRunStatus.Failed, Error = e });
            }
            finally
            {
                run.Dispose();
            }
        }, CancellationToken.None);
    }

    private void Post(KernelContext kernel, int generation, Func<TaskState<T>, TaskState<T>> change) =>
        kernel.Dispatcher.Post(() => Publish(generation, change));

    private void Publish(int generation, Func<TaskState<T>, TaskState<T>> change)
    {
        if (generation != _generation || node.Unmounted)
            return;
        State = change(State);
        node.Root.MarkDirty(node);
    }

    private void CancelCurrent()
    {
        CancellationTokenSource? run = _run;
        _run = null;
        if (run is null)
            return;
        try
        {
            run.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Unmount() => CancelCurrent();
}
