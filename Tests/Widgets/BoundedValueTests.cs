using System.Text.Json.Nodes;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>Bounded widgets clamp values from the browser into <c>[min, max]</c>, as ipywidgets'
/// validators do, and refuse bounds that cross.</summary>
public sealed class BoundedValueTests
{
    private static JsonNode? Json(string json) => JsonNode.Parse(json);

    [Theory]
    [InlineData("150", 100)]
    [InlineData("-3", 0)]
    [InlineData("42", 42)]
    [InlineData("7.0", 7)]
    public void IntSlider_value_from_the_browser_is_clamped_into_min_max(string sent, int stored)
    {
        var slider = new IntSlider();

        Assert.True(slider.ApplyFromBrowser("value", Json(sent)));

        Assert.Equal(stored, slider.Value);
        Assert.Equal(stored, (int)slider.StateOf(["value"])["value"]!);
    }

    [Fact]
    public void FloatSlider_BoundedFloatText_and_FloatProgress_clamp_to_their_bounds()
    {
        var slider = new FloatSlider { Min = -1.5, Max = 2.5 };
        var text = new BoundedFloatText();
        var progress = new FloatProgress { Max = 10 };

        Assert.True(slider.ApplyFromBrowser("value", Json("1e9")));
        Assert.True(text.ApplyFromBrowser("value", Json("-0.25")));
        Assert.True(progress.ApplyFromBrowser("value", JsonValue.Create(11.5)));

        Assert.Equal(2.5, slider.Value);
        Assert.Equal(0.0, text.Value);
        Assert.Equal(10.0, progress.Value);
    }

    [Fact]
    public void BoundedIntText_IntProgress_and_Play_clamp_to_their_bounds()
    {
        var text = new BoundedIntText { Min = 10, Max = 20 };
        var progress = new IntProgress();
        var play = new Play { Max = 5 };

        Assert.True(text.ApplyFromBrowser("value", JsonValue.Create(3)));
        Assert.True(progress.ApplyFromBrowser("value", JsonValue.Create(101)));
        Assert.True(play.ApplyFromBrowser("value", JsonValue.Create(6)));

        Assert.Equal(10, text.Value);
        Assert.Equal(100, progress.Value);
        Assert.Equal(5, play.Value);
    }

    [Fact]
    public void FloatLogSlider_clamps_into_base_to_the_min_and_max_exponents()
    {
        var slider = new FloatLogSlider { Base = 10, Min = -1, Max = 2 };

        Assert.True(slider.ApplyFromBrowser("value", Json("5000")));
        Assert.Equal(100.0, slider.Value, precision: 9);
        Assert.True(slider.ApplyFromBrowser("value", Json("0.001")));
        Assert.Equal(0.1, slider.Value, precision: 9);
    }

    [Fact]
    public void A_min_above_max_from_the_browser_is_refused_and_nothing_changes()
    {
        var slider = new IntSlider { Value = 50 };
        var host = RecordingHost.Attach(slider);

        Assert.False(slider.ApplyFromBrowser("min", Json("101")));
        Assert.False(slider.ApplyFromBrowser("max", Json("-1")));

        Assert.Equal((0, 100, 50), (slider.Min, slider.Max, slider.Value));
        Assert.Empty(host.Changes);
    }

    [Fact]
    public void A_new_min_from_the_browser_pulls_the_value_up_and_sends_the_corrected_value()
    {
        var text = new BoundedIntText { Value = 5 };
        var host = RecordingHost.Attach(text);

        Assert.True(text.ApplyFromBrowser("min", Json("30")));

        Assert.Equal(30, text.Min);
        Assert.Equal(30, text.Value);
        Assert.Equal([(text, "value")], host.Changes);
    }

    [Fact]
    public void IntRangeSlider_clamps_each_end_and_refuses_reversed_or_malformed_pairs()
    {
        var slider = new IntRangeSlider();

        Assert.True(slider.ApplyFromBrowser("value", Json("[-10, 500]")));
        Assert.Equal([0, 100], slider.Value);

        Assert.False(slider.ApplyFromBrowser("value", Json("[60, 40]")));
        Assert.False(slider.ApplyFromBrowser("value", Json("[1]")));
        Assert.False(slider.ApplyFromBrowser("value", Json("[1, 2, 3]")));
        Assert.False(slider.ApplyFromBrowser("value", Json("""["a", "b"]""")));
        Assert.Equal([0, 100], slider.Value);
    }

    [Fact]
    public void FloatRangeSlider_max_from_the_browser_pulls_both_ends_down()
    {
        var slider = new FloatRangeSlider { Value = [20.0, 80.0] };

        Assert.True(slider.ApplyFromBrowser("max", Json("50")));

        Assert.Equal([20.0, 50.0], slider.Value);
    }

    [Fact]
    public void DatePicker_clamps_into_optional_bounds_and_keeps_a_null_value()
    {
        var picker = new DatePicker { Max = new DateOnly(2024, 1, 15) };

        Assert.True(picker.ApplyFromBrowser("value", Json("""{"year": 2024, "month": 0, "date": 31}""")));
        Assert.Equal(new DateOnly(2024, 1, 15), picker.Value);
        Assert.True(picker.ApplyFromBrowser("value", null));
        Assert.Null(picker.Value);
        Assert.True(picker.ApplyFromBrowser("value", Json("""{"year": 1999, "month": 11, "date": 31}""")));
        Assert.Equal(new DateOnly(1999, 12, 31), picker.Value);
    }
}
