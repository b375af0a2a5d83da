using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>The test client's own reading of server frames (deliberately independent of the server's
/// <c>FrameCodec</c>, so a codec bug cannot hide itself).</summary>
public static class WireFrame
{
    public static ReceivedMessage Decode(byte[] frame, bool binary)
    {
        if (!binary)
            return new ReceivedMessage(ParseObject(frame), [], false);
        int n = checked((int)BinaryPrimitives.ReadUInt32BigEndian(frame));
        Assert.True(n >= 1, $"binary frame declares {n} parts");
        var offsets = new int[n + 1];
        for (int i = 0; i < n; i++)
            offsets[i] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4 * (i + 1))));
        offsets[n] = frame.Length;
        Assert.Equal(4 * (n + 1), offsets[0]);
        var buffers = new List<byte[]>();
        for (int i = 1; i < n; i++)
            buffers.Add(frame[offsets[i]..offsets[i + 1]]);
        JsonObject json = ParseObject(frame[offsets[0]..offsets[1]]);
        Assert.Null(json["buffers"]);
        return new ReceivedMessage(json, buffers, true);
    }

    private static JsonObject ParseObject(byte[] utf8) =>
        JsonNode.Parse(utf8) as JsonObject ?? throw new Xunit.Sdk.XunitException("server sent a frame that is not a JSON object");
}
