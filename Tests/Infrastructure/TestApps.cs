using System.Text.Json.Nodes;
using Solara.Apps;
using Solara.Rendering;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Infrastructure;

/// <summary>Apps that exist only for tests.</summary>
public static class TestApps
{
    public static IReadOnlyList<SolaraApp> All { get; } = [new BlockingApp(), new FailingApp(), new ProbeApp()];
}

/// <summary>A button whose click handler blocks its kernel's thread for 2 seconds.</summary>
public sealed class BlockingApp : SolaraApp
{
    public override string Name => "blocking";
    public override string Title => "Blocking (test)";

    public override Element Render(RenderContext context)
    {
        var button = new Button("Block");
        int clicks = 0;
        button.OnClick(() =>
        {
            Thread.Sleep(2000);
            button.Description = $"Blocked {++clicks}";
        });
        return WidgetElement.Existing(new VBox(button));
    }
}

/// <summary>An app whose render throws.</summary>
public sealed class FailingApp : SolaraApp
{
    public override string Name => "failing";
    public override string Title => "Failing (test)";

    public override Element Render(RenderContext context) => throw new InvalidOperationException("render exploded on purpose");
}

/// <summary>One <see cref="ProbeWidget"/> plus a counter button: exercises browser updates and binary traits.</summary>
public sealed class ProbeApp : SolaraApp
{
    public override string Name => "probe";
    public override string Title => "Probe (test)";

    public override Element Render(RenderContext context)
    {
        var probe = new ProbeWidget();
        var button = new Button("Clicked: 0");
        int clicks = 0;
        button.OnClick(() =>
        {
            button.Description = $"Clicked: {++clicks}";
            probe.Data = [.. probe.Data, (byte)clicks];
        });
        return WidgetElement.Existing(new VBox(probe, button));
    }
}

/// <summary>An IntSlider-shaped widget that accepts an int <c>value</c> clamped to 0..100 and a
/// binary <c>data</c> trait (which no ipywidgets model has) from the browser.</summary>
public sealed class ProbeWidget : Widget
{
    public ProbeWidget()
        : base("IntSliderModel", "@jupyter-widgets/controls", "2.0.0", "IntSliderView", "@jupyter-widgets/controls", "2.0.0")
    {
        Set("layout", new Layout());
        Set("style", new SliderStyle());
        Set("value", 0);
        Set("min", 0);
        Set("max", 100);
        Set("data", new byte[] { 1, 2, 3 });
    }

    public int Value => Get<int>("value");

    public byte[] Data
    {
        get => Get<byte[]>("data");
        set => Set("data", value);
    }

    public override bool ApplyFromBrowser(string trait, JsonNode? value)
    {
        switch (trait)
        {
            case "value" when TraitConvert.TryInt(value, out int n):
                SetFromBrowser("value", TraitBounds.Clamp(n, 0, 100));
                return true;
            case "data" when TraitConvert.TryBytes(value, out byte[] bytes):
                SetFromBrowser("data", bytes);
                return true;
            default:
                return false;
        }
    }
}
