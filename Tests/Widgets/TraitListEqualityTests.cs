using System.Text.Json.Nodes;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>List-valued traits compare by content: setting an equal list sends nothing.</summary>
public sealed class TraitListEqualityTests
{
    [Fact]
    public void Setting_children_to_an_equal_new_list_is_a_no_op()
    {
        var a = new Label("a");
        var b = new Label("b");
        var box = new VBox(a, b);
        var host = RecordingHost.Attach(box);

        box.Children = [a, b];
        box.Children = new List<Widget> { a, b };

        Assert.Empty(host.Changes);
        box.Children = [b, a];
        Assert.Equal([(box, "children")], host.Changes);
    }

    [Fact]
    public void Equal_string_number_and_byte_lists_are_no_ops_and_a_different_one_is_sent()
    {
        var tags = new TagsInput { Value = ["x"], DomClasses = ["c"] };
        var range = new IntRangeSlider { Value = [2, 3] };
        var image = new Image { Value = [1, 2, 3] };
        var host = new RecordingHost();
        tags.Host = range.Host = image.Host = host;

        tags.Value = new[] { "x" };
        tags.DomClasses = new List<string> { "c" };
        range.Value = [2, 3];
        image.Value = [1, 2, 3];
        Assert.Empty(host.Changes);

        range.Value = [2, 4];
        Assert.Equal([(range, "value")], host.Changes);
    }

    [Fact]
    public void The_stored_list_is_a_copy_that_later_changes_to_the_source_do_not_reach()
    {
        var source = new List<string> { "a" };
        var tags = new TagsInput { Value = source };

        source.Add("b");

        Assert.Equal(["a"], tags.Value);
    }

    [Fact]
    public void Equal_file_upload_entries_compare_by_content_whatever_the_key_order()
    {
        var upload = new FileUpload();
        JsonNode first = new JsonArray(new JsonObject { ["name"] = "a", ["content"] = JsonValue.Create(new byte[] { 1 }) });
        JsonNode again = new JsonArray(new JsonObject { ["content"] = JsonValue.Create(new byte[] { 1 }), ["name"] = "a" });
        Assert.True(upload.ApplyFromBrowser("value", first));
        IReadOnlyList<IReadOnlyDictionary<string, object?>> stored = upload.Value;
        var host = RecordingHost.Attach(upload);

        Assert.True(TraitConvert.TryList<IReadOnlyDictionary<string, object?>>(again, TraitConvert.TryObject, out var same));
        upload.Value = same;

        Assert.Equal(stored, same);
        Assert.Empty(host.Changes);
    }
}
