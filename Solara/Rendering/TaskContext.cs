namespace Solara.Rendering;

/// <summary>What a <see cref="Hooks.UseTask{T}"/> body gets: its cancellation and a way to report progress (0..1).</summary>
public sealed class TaskContext(CancellationToken cancellation, Action<double> report)
{
    public CancellationToken Cancellation => cancellation;

    public void ReportProgress(double fraction) => report(Math.Clamp(fraction, 0, 1));
}
