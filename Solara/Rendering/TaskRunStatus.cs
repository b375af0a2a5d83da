namespace Solara.Rendering;

public enum TaskRunStatus
{
    Pending,
    Running,
    Finished,
    Failed,
    Cancelled,
}
