using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using static Solara.UI;

namespace Solara.Samples.LongTask;

/// <summary>A job that runs off the kernel's turn with UseTask: a progress bar that advances, a
/// Cancel button while it runs, the result at the end, and a restart.</summary>
public sealed class LongTaskApp : SolaraApp
{
    /// <summary>How many times the job was started; each new value starts a new run.</summary>
    private static readonly Reactive<int> Runs = new(0);

    public override string Name => "long-task";
    public override string Title => "Long task";
    public override string Description => "A background job with progress, cancel and restart.";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => Column(
        Markdown($"## Long task\nCounts the primes below {PrimeCounter.Limit:N0} in {PrimeCounter.Steps} steps, without blocking the page."),
        Runs.Value == 0 ? Button("Start", () => Runs.Value++) : Component.Of(Job, Runs.Value));

    /// <summary>One run of the job; a new <paramref name="run"/> cancels the old one and starts again.</summary>
    private static Element Job(int run)
    {
        TaskState<int> task = Hooks.UseTask(PrimeCounter.CountAsync, [run]);
        int step = (int)Math.Round((task.Progress ?? 0) * PrimeCounter.Steps);
        return Column(
            ProgressLinear(100.0 * step / PrimeCounter.Steps, barStyle: task.Status == TaskRunStatus.Cancelled ? "warning" : ""),
            task.Status switch
            {
                TaskRunStatus.Finished => Success($"Done: there are {task.Result:N0} primes below {PrimeCounter.Limit:N0}."),
                TaskRunStatus.Cancelled => Warning($"Cancelled after step {step} of {PrimeCounter.Steps}."),
                TaskRunStatus.Failed => Error($"The job failed: {task.Error?.Message}"),
                _ => Text($"Step {step} of {PrimeCounter.Steps}…"),
            },
            task.IsRunning ? Button("Cancel", task.Cancel) : Button("Start again", () => Runs.Value++));
    }
}
