using System.Text.Json.Nodes;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>A message the kernel sends, as <see cref="FrameCodec.Encode(OutgoingMessage, out bool)"/> takes it:
/// the parent header is written as it is (not cloned), and a missing parent header or metadata is written as <c>{}</c>.</summary>
public readonly record struct OutgoingMessage(
    MessageHeader Header,
    JsonObject? ParentHeader,
    JsonObject? Metadata,
    MessageContent Content,
    string Channel,
    IReadOnlyList<ReadOnlyMemory<byte>> Buffers);
