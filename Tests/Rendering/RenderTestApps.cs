using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Rendering;

/// <summary>Apps built from components and hooks, to observe what the reconciler sends.</summary>
public static class RenderTestApps
{
    public static IReadOnlyList<SolaraApp> All { get; } = [new RerenderApp(), new KeyedListApp(), new HookMisuseApp(), new TaskApp(), new EffectApp()];

    public static WidgetElement Button(string description, Action onClick, string? key = null) =>
        new(typeof(Button), () => new Button(), new Dictionary<string, object?> { ["description"] = description },
            new Dictionary<string, Action<object?>> { ["click"] = _ => onClick() }) { Key = key };

    public static WidgetElement Html(string value, string? key = null) =>
        new(typeof(Html), () => new Html(), new Dictionary<string, object?> { ["value"] = value }) { Key = key };

    public static WidgetElement Column(IEnumerable<Element> children, string? key = null) =>
        new(typeof(VBox), () => new VBox(), new Dictionary<string, object?> { ["children"] = children.ToArray() }) { Key = key };
}

/// <summary>A counter next to a static text: a click must update only the button's description.</summary>
public sealed class RerenderApp : SolaraApp
{
    public static readonly Reactive<int> Count = new(0);

    public override string Name => "rerender";
    public override string Title => "Rerender (test)";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => RenderTestApps.Column(
    [
        RenderTestApps.Html("static text"),
        RenderTestApps.Button($"Count: {Count.Value}", () => Count.Value++),
    ]);
}

/// <summary>Keyed rows that can be reversed and removed.</summary>
public sealed class KeyedListApp : SolaraApp
{
    private static readonly Reactive<IReadOnlyList<string>> Items = new(["a", "b", "c"]);

    public override string Name => "keyed";
    public override string Title => "Keyed (test)";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => RenderTestApps.Column(
    [
        RenderTestApps.Button("Reverse", () => Items.Value = Items.Value.Reverse().ToArray(), key: "reverse"),
        RenderTestApps.Button("Remove first", () => Items.Value = Items.Value.Skip(1).ToArray(), key: "remove"),
        RenderTestApps.Column(Items.Value.Select(item => Component.Of(Row, item, key: item)), key: "rows"),
    ]);

    private static Element Row(string item)
    {
        (int clicks, Action<int> setClicks) = Hooks.UseState(0);
        return RenderTestApps.Button($"{item}: {clicks}", () => setClicks(clicks + 1));
    }
}

/// <summary>A component that calls a hook only on some renders.</summary>
public sealed class HookMisuseApp : SolaraApp
{
    private static readonly Reactive<bool> Extra = new(false);

    public override string Name => "hookmisuse";
    public override string Title => "Hook misuse (test)";

    public override Element Render(RenderContext context) => RenderTestApps.Column(
    [
        Component.Of(Conditional),
        RenderTestApps.Button("Toggle", () => Extra.Value = !Extra.Value, key: "toggle"),
    ]);

    private static Element Conditional()
    {
        (int value, _) = Hooks.UseState(1);
        if (Extra.Value)
            Hooks.UseMemo(() => value * 2, [value]);
        return RenderTestApps.Html($"value {value}");
    }
}

/// <summary>A background task with progress, restarted by a button and cancellable.</summary>
public sealed class TaskApp : SolaraApp
{
    public static readonly Reactive<int> Run = new(0);

    public override string Name => "task";
    public override string Title => "Task (test)";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page()
    {
        int run = Run.Value;
        TaskState<int> task = Hooks.UseTask(async ctx =>
        {
            for (int i = 1; i <= 4; i++)
            {
                await Task.Delay(run == 2 ? 10_000 : 5, ctx.Cancellation);
                ctx.ReportProgress(i / 4.0);
            }
            return run * 10;
        }, [run]);
        return RenderTestApps.Column(
        [
            RenderTestApps.Html($"status={task.Status} result={(task.IsFinished ? task.Result.ToString() : "")}", key: "status"),
            RenderTestApps.Button("Restart", () => Run.Value++, key: "restart"),
            RenderTestApps.Button("Cancel", task.Cancel, key: "cancel"),
        ]);
    }
}

/// <summary>Effects with dependencies and cleanup; every run and cleanup is recorded per kernel.</summary>
public sealed class EffectApp : SolaraApp
{
    private static readonly Reactive<int> Dependency = new(0);
    private static readonly Reactive<int> Unrelated = new(0);
    private static readonly Reactive<bool> Shown = new(true);
    public static readonly Reactive<string> Log = new("");

    public override string Name => "effects";
    public override string Title => "Effects (test)";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => RenderTestApps.Column(
    [
        RenderTestApps.Button("Dependency", () => Dependency.Value++, key: "dep"),
        RenderTestApps.Button("Unrelated", () => Unrelated.Value++, key: "unrelated"),
        RenderTestApps.Button("Hide", () => Shown.Value = false, key: "hide"),
        RenderTestApps.Html($"log:{Log.Value}", key: "log"),
        .. Shown.Value ? [Component.Of(Child, (Dependency.Value, Unrelated.Value), key: "child")] : Array.Empty<Element>(),
    ]);

    private static Element Child((int Dependency, int Unrelated) props)
    {
        Hooks.UseEffect(() =>
        {
            Log.Value += $" run{props.Dependency}";
            return () => Log.Value += $" cleanup{props.Dependency}";
        }, [props.Dependency]);
        return RenderTestApps.Html($"child {props.Dependency}/{props.Unrelated}");
    }
}
