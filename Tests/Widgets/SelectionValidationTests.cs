using System.Text.Json.Nodes;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>Indexes from the browser must point at an option (or a child), and tags must be
/// allowed, as ipywidgets' validators require; anything else is refused and changes nothing.</summary>
public sealed class SelectionValidationTests
{
    private static JsonNode? Json(string json) => JsonNode.Parse(json);

    [Fact]
    public void Dropdown_index_must_point_into_the_option_labels_or_be_null()
    {
        var dropdown = new Dropdown { OptionsLabels = ["red", "green"], Index = 0 };

        Assert.True(dropdown.ApplyFromBrowser("index", Json("1")));
        Assert.Equal(1, dropdown.Index);
        Assert.False(dropdown.ApplyFromBrowser("index", Json("2")));
        Assert.False(dropdown.ApplyFromBrowser("index", Json("-1")));
        Assert.Equal(1, dropdown.Index);
        Assert.True(dropdown.ApplyFromBrowser("index", null));
        Assert.Null(dropdown.Index);
    }

    [Fact]
    public void The_option_labels_themselves_are_never_taken_from_the_browser()
    {
        var select = new Select { OptionsLabels = ["a"] };

        Assert.False(select.ApplyFromBrowser("_options_labels", Json("""["a", "b", "c"]""")));
        Assert.False(select.ApplyFromBrowser("index", Json("2")));

        Assert.Equal(["a"], select.OptionsLabels);
    }

    [Fact]
    public void SelectionSlider_index_cannot_be_null()
    {
        var slider = new SelectionSlider { OptionsLabels = ["low", "high"] };

        Assert.False(slider.ApplyFromBrowser("index", null));
        Assert.True(slider.ApplyFromBrowser("index", Json("1")));
        Assert.Equal(1, slider.Index);
    }

    [Fact]
    public void SelectMultiple_and_SelectionRangeSlider_check_every_index()
    {
        var multiple = new SelectMultiple { OptionsLabels = ["a", "b", "c"] };
        var range = new SelectionRangeSlider { OptionsLabels = ["a", "b", "c"] };

        Assert.True(multiple.ApplyFromBrowser("index", Json("[0, 2]")));
        Assert.False(multiple.ApplyFromBrowser("index", Json("[0, 3]")));
        Assert.True(range.ApplyFromBrowser("index", Json("[1, 2]")));
        Assert.False(range.ApplyFromBrowser("index", Json("[1]")));
        Assert.False(range.ApplyFromBrowser("index", Json("[1, 5]")));

        Assert.Equal([0, 2], multiple.Index);
        Assert.Equal([1, 2], range.Index);
    }

    [Fact]
    public void Tab_selected_index_must_point_at_a_child()
    {
        var tab = new Tab { Children = [new Label("one"), new Label("two")] };

        Assert.True(tab.ApplyFromBrowser("selected_index", Json("1")));
        Assert.False(tab.ApplyFromBrowser("selected_index", Json("2")));

        Assert.Equal(1, tab.SelectedIndex);
    }

    [Fact]
    public void TagsInput_refuses_blank_and_disallowed_tags()
    {
        var tags = new TagsInput { AllowedTags = ["x", "y"] };

        Assert.True(tags.ApplyFromBrowser("value", Json("""["y", "x"]""")));
        Assert.False(tags.ApplyFromBrowser("value", Json("""["z"]""")));
        Assert.False(tags.ApplyFromBrowser("value", Json("""[""]""")));

        Assert.Equal(["y", "x"], tags.Value);
    }

    [Fact]
    public void IntsInput_refuses_numbers_outside_its_optional_bounds()
    {
        var ints = new IntsInput { Min = 0, Max = 10 };

        Assert.True(ints.ApplyFromBrowser("value", Json("[0, 10]")));
        Assert.False(ints.ApplyFromBrowser("value", Json("[11]")));
        Assert.False(ints.ApplyFromBrowser("value", Json("[1.5]")));

        Assert.Equal([0, 10], ints.Value);
    }
}
