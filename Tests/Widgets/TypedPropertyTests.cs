using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>What the typed properties accept from app code.</summary>
public sealed class TypedPropertyTests
{
    [Fact]
    public void An_enumerated_property_refuses_a_value_its_view_would_not_understand()
    {
        var button = new Button();

        var error = Assert.Throws<ArgumentException>(() => button.ButtonStyle = "purple");

        Assert.Contains("Button.ButtonStyle", error.Message);
        Assert.Contains("'primary'", error.Message);
        button.ButtonStyle = "Danger";
        Assert.Equal("danger", button.ButtonStyle);
    }

    [Fact]
    public void A_number_or_keyword_step_takes_either_and_nothing_else()
    {
        var picker = new DatePicker { Step = "any" };
        Assert.Equal("any", picker.Step);
        picker.Step = 7;
        Assert.Equal(7, picker.Step);
        Assert.Throws<ArgumentException>(() => picker.Step = 1.5);

        var time = new Time { Step = 30 };
        Assert.Equal(30.0, time.Step);
    }

    [Fact]
    public void Style_and_layout_default_to_their_own_new_instances()
    {
        var first = new Button();
        var second = new Button();

        Assert.IsType<ButtonStyle>(first.Style);
        Assert.NotSame(first.Layout, second.Layout);
        Assert.Contains(first.Style, first.References());
    }

    [Fact]
    public void Link_ends_are_widget_trait_pairs_sent_as_model_references()
    {
        var slider = new IntSlider();
        var text = new IntText();

        var link = new Link((slider, "value"), (text, "value"));

        Assert.Equal($"""["{TraitJson.ModelPrefix}{slider.ModelId}","value"]""", link.StateOf(["source"])["source"]!.ToJsonString());
        Assert.Equal([slider, text], link.References());
    }
}
