using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using static Solara.UI;

namespace Solara.Orleans.Tests.Rendering;

/// <summary>Apps built from the component library (<see cref="UI"/>), to check its bindings on the wire.</summary>
public static class LibraryTestApps
{
    public static IReadOnlyList<SolaraApp> All { get; } = [new BindingsApp(), new ContainersApp()];
}

/// <summary>One bound input of each kind, an echo of each bound value (an HTML widget reading
/// <c>name:value</c>), and buttons that set the values from the server side.</summary>
public sealed class BindingsApp : SolaraApp
{
    public static readonly IReadOnlyList<string> Fruits = ["apple", "banana", "cherry"];
    public static readonly IReadOnlyList<string> Colors = ["red", "green", "blue"];

    private static readonly Reactive<string?> Fruit = new("apple");
    private static readonly Reactive<int> Level = new(5);
    private static readonly Reactive<string> Person = new("");
    private static readonly Reactive<bool> Agree = new(false);
    private static readonly Reactive<IReadOnlyList<string>> Picked = new(["green"]);

    public override string Name => "bindings";
    public override string Title => "Bindings (test)";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => Column(
        Select("Fruit", Fruits, Fruit),
        SliderInt("Level", Level, min: 0, max: 10),
        InputText("Name", Person),
        Checkbox("Agree", Agree),
        SelectMultiple("Colors", Colors, Picked),
        Html($"fruit:{Fruit.Value ?? "(none)"}", key: "fruit"),
        Html($"level:{Level.Value}", key: "level"),
        Html($"name:{Person.Value}", key: "name"),
        Html($"agree:{Agree.Value}", key: "agree"),
        Html($"colors:{string.Join(',', Picked.Value)}", key: "colors"),
        Button("Set from server", () =>
        {
            Fruit.Value = "cherry";
            Level.Value = 7;
            Person.Value = "Grace";
            Agree.Value = true;
            Picked.Value = ["red", "blue"];
        }, key: "server"),
        Button("No fruit", () => Fruit.Value = null, key: "none"));
}

/// <summary>Tabs and an accordion the browser controls (no <c>selected</c> given), above a counter
/// whose clicks re-render the page around them.</summary>
public sealed class ContainersApp : SolaraApp
{
    private static readonly Reactive<int> Renders = new(0);

    public override string Name => "containers";
    public override string Title => "Containers (test)";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page() => Column(
        Tabs([("One", Text("first tab")), ("Two", Text("second tab"))]),
        Accordion([("A", Text("section a")), ("B", Text("section b"))]),
        Button($"Re-render {Renders.Value}", () => Renders.Value++, key: "rerender"));
}
