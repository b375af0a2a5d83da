namespace Solara.Rendering;

/// <summary>A snapshot of a <see cref="Hooks.UseTask{T}"/> run, as the component sees it while rendering.</summary>
public sealed record TaskState<T>(TaskStatus Status, double? Progress, T? Result, Exception? Error, Action Cancel)
{
    public bool IsRunning => Status is TaskStatus.Pending or TaskStatus.Running;
    public bool IsFinished => Status == TaskStatus.Finished;
}
