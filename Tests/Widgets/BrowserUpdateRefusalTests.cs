using System.Text.Json.Nodes;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>A browser value of the wrong JSON type, an identity trait, or a change to a
/// kernel-owned widget reference is refused (the comm reports it) and the widget is unchanged.</summary>
public sealed class BrowserUpdateRefusalTests
{
    private static JsonNode? Json(string json) => JsonNode.Parse(json);

    [Theory]
    [InlineData("value", "\"12\"")]
    [InlineData("value", "3.5")]
    [InlineData("value", "true")]
    [InlineData("value", "null")]
    [InlineData("value", "1e12")]
    [InlineData("disabled", "\"yes\"")]
    [InlineData("description", "5")]
    [InlineData("description", "null")]
    [InlineData("_dom_classes", "[\"a\", 1]")]
    [InlineData("behavior", "\"wobble\"")]
    [InlineData("no_such_trait", "1")]
    public void A_value_of_the_wrong_type_is_refused_and_changes_nothing(string trait, string json)
    {
        var slider = new IntSlider { Value = 7 };
        JsonObject before = slider.FullState();
        int changes = 0;
        slider.ChangedByBrowser += (_, _) => changes++;

        Assert.False(slider.ApplyFromBrowser(trait, Json(json)));

        Assert.True(JsonNode.DeepEquals(before, slider.FullState()));
        Assert.Equal(0, changes);
    }

    [Theory]
    [InlineData("_model_name")]
    [InlineData("_model_module")]
    [InlineData("_model_module_version")]
    [InlineData("_view_name")]
    [InlineData("_view_module")]
    [InlineData("_view_module_version")]
    public void Identity_traits_are_refused(string trait)
    {
        var button = new Button();

        Assert.False(button.ApplyFromBrowser(trait, JsonValue.Create("HackedModel")));

        Assert.Equal("ButtonModel", button.ModelName);
        Assert.Equal("ButtonView", button.ViewName);
    }

    [Fact]
    public void Accepted_values_raise_ChangedByBrowser_with_the_trait_name()
    {
        var text = new Text();
        var changed = new List<(Widget, string)>();
        text.ChangedByBrowser += (widget, trait) => changed.Add((widget, trait));

        Assert.True(text.ApplyFromBrowser("value", Json("\"hello\"")));
        Assert.True(text.ApplyFromBrowser("tooltip", null));

        Assert.Equal("hello", text.Value);
        Assert.Equal([(text, "value"), (text, "tooltip")], changed);
    }

    [Fact]
    public void Enumerated_strings_are_matched_without_case_and_stored_as_ipywidgets_spells_them()
    {
        var button = new Button();

        Assert.True(button.ApplyFromBrowser("button_style", Json("\"PRIMARY\"")));
        Assert.False(button.ApplyFromBrowser("button_style", Json("\"purple\"")));

        Assert.Equal("primary", button.ButtonStyle);
    }

    [Fact]
    public void A_widget_reference_is_accepted_only_when_it_names_the_current_widget()
    {
        var button = new Button();
        var other = new Layout();

        Assert.True(button.ApplyFromBrowser("layout", JsonValue.Create(TraitJson.ModelPrefix + button.Layout.ModelId)));
        Assert.False(button.ApplyFromBrowser("layout", JsonValue.Create(TraitJson.ModelPrefix + other.ModelId)));
        Assert.False(new VBox(button).ApplyFromBrowser("children", Json("[]")));
    }

    [Fact]
    public void A_binary_trait_accepts_the_frame_buffer_the_comm_injected()
    {
        var image = new Image();

        Assert.True(image.ApplyFromBrowser("value", JsonValue.Create(new byte[] { 137, 80, 78, 71 })));
        Assert.False(image.ApplyFromBrowser("value", Json("42")));

        Assert.Equal([137, 80, 78, 71], image.Value);
    }

    [Fact]
    public void FileUpload_value_becomes_dictionaries_with_the_content_as_bytes()
    {
        var upload = new FileUpload();
        JsonObject file = new()
        {
            ["name"] = "a.txt",
            ["type"] = "text/plain",
            ["size"] = 2,
            ["last_modified"] = 1700000000000,
            ["content"] = JsonValue.Create(new byte[] { 104, 105 }),
        };

        Assert.True(upload.ApplyFromBrowser("value", new JsonArray(file)));

        IReadOnlyDictionary<string, object?> entry = Assert.Single(upload.Value);
        Assert.Equal("a.txt", entry["name"]);
        Assert.Equal(2, entry["size"]);
        Assert.Equal(1700000000000L, entry["last_modified"]);
        Assert.Equal(new byte[] { 104, 105 }, entry["content"]);
    }
}
