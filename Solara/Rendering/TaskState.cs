namespace Solara.Rendering;

/// <summary>A snapshot of a <see cref="Hooks.UseTask{T}"/> run, as the component sees it while rendering.</summary>
public sealed record TaskState<T>(TaskRunStatus Status, double? Progress, T? Result, Exception? Error, Action Cancel)
{
    public bool IsRunning => Status is TaskRunStatus.Pending or TaskRunStatus.Running;
    public bool IsFinished => Status == TaskRunStatus.Finished;
    public bool IsCancelled => Status == TaskRunStatus.Cancelled;
    public bool IsFailed => Status == TaskRunStatus.Failed;
}
