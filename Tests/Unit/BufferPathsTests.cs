using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Tests.Unit;

public sealed class BufferPathsTests
{
    private static JsonNode Bytes(params byte[] bytes) => JsonValue.Create(bytes)!;

    [Fact]
    public void Extract_lifts_every_byte_array_out_of_the_state_with_its_path()
    {
        JsonObject state = new()
        {
            ["value"] = 3,
            ["data"] = Bytes(1, 2),
            ["nested"] = new JsonObject { ["image"] = Bytes(3) },
            ["list"] = new JsonArray(1, Bytes(4, 5), "x"),
        };

        (JsonArray paths, List<ReadOnlyMemory<byte>> buffers) = BufferPaths.Extract(state);

        Assert.Equal("""[["data"],["nested","image"],["list",1]]""", paths.ToJsonString());
        Assert.Equal([[1, 2], [3], [4, 5]], buffers.Select(b => b.ToArray()));
        Assert.Equal(3, (int)state["value"]!);
        Assert.Null(state["data"]);
        Assert.Null(state["nested"]!["image"]);
        Assert.Null(state["list"]![1]);
        Assert.Equal("x", (string?)state["list"]![2]);
    }

    [Fact]
    public void Extract_of_a_state_without_binary_values_finds_nothing_and_changes_nothing()
    {
        JsonObject state = new() { ["a"] = "text", ["b"] = new JsonArray(1, 2), ["c"] = null };
        string before = state.ToJsonString();

        (JsonArray paths, List<ReadOnlyMemory<byte>> buffers) = BufferPaths.Extract(state);

        Assert.Empty(paths);
        Assert.Empty(buffers);
        Assert.Equal(before, state.ToJsonString());
    }

    [Fact]
    public void Inject_puts_each_buffer_back_at_its_path()
    {
        JsonObject original = new()
        {
            ["data"] = Bytes(9),
            ["nested"] = new JsonObject { ["deep"] = new JsonArray(Bytes(8, 7)) },
        };
        (JsonArray paths, List<ReadOnlyMemory<byte>> buffers) = BufferPaths.Extract(original);
        JsonNode wire = JsonNode.Parse(original.ToJsonString())!;

        BufferPaths.Inject(wire, JsonNode.Parse(paths.ToJsonString()), buffers);

        Assert.True(wire["data"]!.AsValue().TryGetValue(out byte[]? data));
        Assert.Equal([9], data);
        Assert.True(wire["nested"]!["deep"]![0]!.AsValue().TryGetValue(out byte[]? deep));
        Assert.Equal([8, 7], deep);
    }

    [Fact]
    public void Inject_adds_a_missing_key_and_appends_at_the_end_of_a_list()
    {
        JsonObject state = new() { ["list"] = new JsonArray(1) };

        BufferPaths.Inject(state, JsonNode.Parse("""[["fresh"], ["list", 1]]"""), [new byte[] { 1 }, new byte[] { 2 }]);

        Assert.True(state["fresh"]!.AsValue().TryGetValue(out byte[]? fresh));
        Assert.Equal([1], fresh);
        Assert.Equal(2, state["list"]!.AsArray().Count);
    }

    [Fact]
    public void Inject_without_paths_changes_nothing()
    {
        JsonObject state = new() { ["a"] = 1 };

        BufferPaths.Inject(state, null, [new byte[] { 1 }]);

        Assert.Equal("""{"a":1}""", state.ToJsonString());
    }

    [Theory]
    [InlineData("""[["a"], ["b"]]""", "2 buffers")]
    [InlineData("""{"a": 1}""", "buffer_paths")]
    [InlineData("""[[]]""", "buffer_paths[0]")]
    [InlineData("""["a"]""", "buffer_paths[0]")]
    [InlineData("""[["missing", "x"]]""", "leads nowhere")]
    [InlineData("""[["list", 5, "x"]]""", "leads nowhere")]
    [InlineData("""[["list", 9]]""", "does not end")]
    [InlineData("""[["a", "b"]]""", "does not end")]
    [InlineData("""[[true]]""", "does not end")]
    public void Inject_rejects_paths_that_do_not_fit_the_state_or_the_buffers(string paths, string reason)
    {
        JsonObject state = new() { ["a"] = 1, ["list"] = new JsonArray(1) };

        FrameFormatException error = Assert.Throws<FrameFormatException>(() => BufferPaths.Inject(state, JsonNode.Parse(paths), [new byte[] { 1 }]));

        Assert.Contains(reason, error.Message);
    }
}
