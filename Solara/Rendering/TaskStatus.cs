namespace Solara.Rendering;

public enum TaskStatus
{
    Pending,
    Running,
    Finished,
    Failed,
    Cancelled,
}
