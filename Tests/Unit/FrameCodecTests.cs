using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;

namespace Solara.Orleans.Tests.Unit;

public sealed class FrameCodecTests
{
    private static JupyterMessage Sample(params byte[][] buffers) => new()
    {
        Header = new JsonObject
        {
            ["msg_id"] = "m-1",
            ["msg_type"] = "comm_msg",
            ["username"] = "u",
            ["session"] = "s",
            ["date"] = "2025-01-01T00:00:00.000000Z",
            ["version"] = "5.3",
        },
        ParentHeader = new JsonObject { ["msg_id"] = "p-1", ["msg_type"] = "comm_msg" },
        Metadata = new JsonObject { ["version"] = "2.1.0" },
        Content = new JsonObject { ["comm_id"] = "c", ["data"] = new JsonObject { ["method"] = "update", ["text"] = "héllo ✓" } },
        Channel = "iopub",
        Buffers = buffers.Select(b => (ReadOnlyMemory<byte>)b).ToArray(),
    };

    private static void AssertSameMessage(JupyterMessage expected, JupyterMessage actual)
    {
        Assert.True(JsonNode.DeepEquals(expected.Header, actual.Header));
        Assert.True(JsonNode.DeepEquals(expected.ParentHeader, actual.ParentHeader));
        Assert.True(JsonNode.DeepEquals(expected.Metadata, actual.Metadata));
        Assert.True(JsonNode.DeepEquals(expected.Content, actual.Content));
        Assert.Equal(expected.Channel, actual.Channel);
        Assert.Equal(expected.Buffers.Select(b => b.ToArray()), actual.Buffers.Select(b => b.ToArray()));
    }

    [Fact]
    public void Message_without_buffers_round_trips_through_a_text_frame()
    {
        JupyterMessage message = Sample();

        byte[] frame = FrameCodec.Encode(message, out bool binary);

        Assert.False(binary);
        JsonObject json = JsonNode.Parse(frame)!.AsObject();
        Assert.Equal("m-1", (string?)json["msg_id"]);
        Assert.Equal("comm_msg", (string?)json["msg_type"]);
        Assert.False(json.ContainsKey("buffers"));
        AssertSameMessage(message, FrameCodec.DecodeText(frame));
    }

    [Fact]
    public void Message_with_two_buffers_round_trips_through_a_binary_frame_with_an_offset_table()
    {
        byte[] first = [1, 2, 3], second = [0xff, 0x00, 0x10, 0x20, 0x30];
        JupyterMessage message = Sample(first, second);

        byte[] frame = FrameCodec.Encode(message, out bool binary);

        Assert.True(binary);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(frame));
        uint jsonStart = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4));
        uint firstStart = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(8));
        uint secondStart = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(12));
        Assert.Equal(16u, jsonStart);
        Assert.Equal(first, frame[(int)firstStart..(int)secondStart]);
        Assert.Equal(second, frame[(int)secondStart..]);
        JsonObject json = JsonNode.Parse(frame.AsSpan((int)jsonStart, (int)(firstStart - jsonStart)).ToArray())!.AsObject();
        Assert.False(json.ContainsKey("buffers"));
        AssertSameMessage(message, FrameCodec.DecodeBinary(frame));
    }

    /// <summary>The exact text of <see cref="Sample"/> on the wire: field order, no whitespace, and
    /// System.Text.Json's default escaping (non-ASCII as <c>\uXXXX</c>).</summary>
    private const string SampleJson = """{"header":{"msg_id":"m-1","msg_type":"comm_msg","username":"u","session":"s","date":"2025-01-01T00:00:00.000000Z","version":"5.3"},"msg_id":"m-1","msg_type":"comm_msg","parent_header":{"msg_id":"p-1","msg_type":"comm_msg"},"metadata":{"version":"2.1.0"},"content":{"comm_id":"c","data":{"method":"update","text":"h\u00E9llo \u2713"}},"channel":"iopub"}""";

    [Fact]
    public void Encoded_json_is_exactly_the_wire_text()
    {
        Assert.Equal(SampleJson, Encoding.UTF8.GetString(FrameCodec.Encode(Sample(), out _)));
    }

    [Fact]
    public void Encoding_after_a_larger_message_and_after_a_failed_one_on_the_same_thread_gives_the_same_bytes()
    {
        JupyterMessage large = Sample();
        large.Content["data"]!["text"] = new string('x', 200_000);
        FrameCodec.Encode(large, out _);
        JupyterMessage invalid = Sample();
        invalid.Content["data"] = new JsonObject { ["method"] = "update", ["value"] = double.NaN };
        Assert.ThrowsAny<ArgumentException>(() => FrameCodec.Encode(invalid, out _));

        Assert.Equal(SampleJson, Encoding.UTF8.GetString(FrameCodec.Encode(Sample(), out _)));
        byte[] frame = FrameCodec.Encode(Sample([1, 2, 3]), out bool binary);
        Assert.True(binary);
        Assert.Equal(SampleJson, Encoding.UTF8.GetString(frame.AsSpan(12, SampleJson.Length)));
        Assert.Equal(12 + SampleJson.Length + 3, frame.Length);
    }

    [Fact]
    public void A_kernel_message_encodes_exactly_like_the_same_message_with_a_json_header()
    {
        var id = Guid.Parse("0f8e3c2a-1b4d-4e5f-9a6b-7c8d9e0f1a2b");
        var date = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234560);
        var header = new MessageHeader(id, "comm_msg", "solara", "s", date, "5.3");
        JupyterMessage equivalent = Sample([9]);
        equivalent.Header["msg_id"] = "0f8e3c2a1b4d4e5f9a6b7c8d9e0f1a2b";
        equivalent.Header["username"] = "solara";
        equivalent.Header["date"] = "2025-03-04T05:06:07.123456Z";

        byte[] frame = FrameCodec.Encode(new OutgoingMessage(header, equivalent.ParentHeader, equivalent.Metadata, equivalent.Content, "iopub", [new byte[] { 9 }]), out bool binary);

        Assert.True(binary);
        Assert.Equal(FrameCodec.Encode(equivalent, out _), frame);
    }

    [Fact]
    public void A_kernel_message_without_parent_header_or_metadata_writes_empty_objects()
    {
        var header = new MessageHeader(Guid.Empty, "status", "solara", "s", DateTime.UnixEpoch, "5.3");

        byte[] json = FrameCodec.Encode(new OutgoingMessage(header, null, null, new JsonObject { ["execution_state"] = "idle" }, "iopub", []), out bool binary);

        Assert.False(binary);
        Assert.Equal(
            """{"header":{"msg_id":"00000000000000000000000000000000","msg_type":"status","username":"solara","session":"s","date":"1970-01-01T00:00:00.000000Z","version":"5.3"},"msg_id":"00000000000000000000000000000000","msg_type":"status","parent_header":{},"metadata":{},"content":{"execution_state":"idle"},"channel":"iopub"}""",
            Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void A_reply_carries_the_request_header_as_its_parent_minimised_with_numbers_kept_and_default_escaping()
    {
        JupyterMessage request = FrameCodec.DecodeText(Encoding.UTF8.GetBytes(
            """{ "header": { "msg_id": "a", "msg_type": "comm_msg", "username": "caf\u00e9 \"x\"", "n": 1.50, "tags": [1, null, true] }, "content": {} }"""));
        var header = new MessageHeader(Guid.Empty, "status", "solara", "s", DateTime.UnixEpoch, "5.3");

        string reply = Encoding.UTF8.GetString(FrameCodec.Encode(new OutgoingMessage(header, request.Header, null, new JsonObject(), "iopub", []), out _));

        Assert.Contains("""
            "parent_header":{"msg_id":"a","msg_type":"comm_msg","username":"caf\u00E9 \u0022x\u0022","n":1.50,"tags":[1,null,true]},
            """.Trim(), reply);
        Assert.Equal("comm_msg", request.MsgType);
        Assert.Equal("a", request.MsgId);
    }

    [Fact]
    public void Content_encoded_once_is_sent_as_the_same_bytes_as_the_object_every_time()
    {
        var header = new MessageHeader(Guid.Empty, "status", "solara", "s", DateTime.UnixEpoch, "5.3");
        JsonObject content = new() { ["execution_state"] = "busy", ["note"] = "<é>" };
        MessageContent encoded = MessageContent.Encoded(content);

        byte[] expected = FrameCodec.Encode(new OutgoingMessage(header, null, null, content, "iopub", []), out _);

        Assert.Equal(expected, FrameCodec.Encode(new OutgoingMessage(header, null, null, encoded, "iopub", []), out _));
        Assert.Equal(expected, FrameCodec.Encode(new OutgoingMessage(header, null, null, encoded, "iopub", []), out _));
        Assert.Contains("""
            "content":{"execution_state":"busy","note":"\u003C\u00E9\u003E"}
            """.Trim(), Encoding.UTF8.GetString(expected));
    }

    [Fact]
    public void Empty_buffers_survive_a_binary_round_trip()
    {
        JupyterMessage message = Sample([], [7]);

        JupyterMessage decoded = FrameCodec.DecodeBinary(FrameCodec.Encode(message, out _));

        Assert.Equal(2, decoded.Buffers.Count);
        Assert.Empty(decoded.Buffers[0].ToArray());
        Assert.Equal([7], decoded.Buffers[1].ToArray());
    }

    [Fact]
    public void Binary_frame_with_only_the_json_part_decodes_with_no_buffers()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"header": {"msg_id": "a", "msg_type": "kernel_info_request"}}""");

        JupyterMessage decoded = FrameCodec.DecodeBinary(Frame([8], json));

        Assert.Equal("kernel_info_request", decoded.MsgType);
        Assert.Empty(decoded.Buffers);
    }

    [Fact]
    public void Missing_parent_header_metadata_content_and_channel_default_to_empty()
    {
        JupyterMessage decoded = FrameCodec.DecodeText(Encoding.UTF8.GetBytes("""{"header": {"msg_id": "a", "msg_type": "kernel_info_request"}}"""));

        Assert.Empty(decoded.ParentHeader);
        Assert.Empty(decoded.Metadata);
        Assert.Empty(decoded.Content);
        Assert.Null(decoded.Channel);
        Assert.Equal("a", decoded.MsgId);
    }

    public static TheoryData<string, byte[], string> BadBinaryFrames()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"header": {"msg_id": "a", "msg_type": "comm_msg"}}""");
        return new TheoryData<string, byte[], string>
        {
            { "shorter than 8 bytes", [0, 0, 0, 1, 0, 0, 0], "too short" },
            { "empty", [], "too short" },
            { "zero parts", Raw(0, [4]), "parts" },
            { "more parts than the frame can hold", Raw(1000, [4008]), "parts" },
            { "first offset not right after the table", Frame([12], json), "first offset" },
            { "offset past the end", Frame([12, 4000], json), "past the end" },
            { "offsets out of order", Frame([16, (uint)(16 + json.Length), (uint)(16 + json.Length - 1)], [.. json, 1, 2, 3]), "out of order" },
            { "json part is not JSON", Frame([8], "{not json"u8.ToArray()), "not valid JSON" },
        };
    }

    [Theory]
    [MemberData(nameof(BadBinaryFrames))]
    public void Inconsistent_or_truncated_binary_frames_are_rejected(string why, byte[] frame, string message)
    {
        FrameFormatException error = Assert.Throws<FrameFormatException>(() => FrameCodec.DecodeBinary(frame));
        Assert.True(error.Message.Contains(message, StringComparison.OrdinalIgnoreCase), $"{why}: '{error.Message}' should mention '{message}'");
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("""{"header": {"msg_id": "a", "msg_type": "comm_msg"}} trailing""", "not valid JSON")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("42", "not an object")]
    [InlineData("null", "not an object")]
    [InlineData("""{"content": {}}""", "'header'")]
    [InlineData("""{"header": "kernel_info_request"}""", "'header'")]
    [InlineData("""{"header": {"msg_id": "a"}}""", "'msg_type'")]
    [InlineData("""{"header": {"msg_id": "a", "msg_type": ""}}""", "'msg_type'")]
    [InlineData("""{"header": {"msg_id": "a", "msg_type": 7}}""", "'msg_type'")]
    [InlineData("""{"header": {"msg_type": "kernel_info_request"}}""", "'msg_id'")]
    [InlineData("""{"header": {"msg_id": "a", "msg_type": "comm_msg"}, "content": [1]}""", "'content'")]
    public void Text_frames_that_are_not_messages_are_rejected_with_the_reason(string text, string reason)
    {
        FrameFormatException error = Assert.Throws<FrameFormatException>(() => FrameCodec.DecodeText(Encoding.UTF8.GetBytes(text)));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Invalid_json_keeps_the_parser_error_as_the_inner_exception()
    {
        FrameFormatException error = Assert.Throws<FrameFormatException>(() => FrameCodec.DecodeText("{\"a\":"u8));
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    /// <summary>A frame with a correct part count and the given offsets, followed by <paramref name="body"/>.</summary>
    private static byte[] Frame(uint[] offsets, byte[] body) => Raw((uint)offsets.Length, offsets, body);

    private static byte[] Raw(uint count, uint[] offsets, byte[]? body = null)
    {
        byte[] frame = new byte[4 + 4 * offsets.Length + (body?.Length ?? 0)];
        BinaryPrimitives.WriteUInt32BigEndian(frame, count);
        for (int i = 0; i < offsets.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4 + 4 * i), offsets[i]);
        body?.CopyTo(frame, 4 + 4 * offsets.Length);
        return frame;
    }
}
