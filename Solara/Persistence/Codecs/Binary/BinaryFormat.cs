using System.Text;

namespace Solara.Persistence.Codecs;

/// <summary>The binary codec's layout (little-endian, lengths and counts as 7-bit varints):
/// <code>
/// payload := 'S' 'B' 0x01 value
/// value   := 0x00                          null
///          | 0x01 data                     bare: exactly the expected type
///          | 0x02 string(type tag) data    tagged; the tag gets the next table index
///          | 0x03 varint(index) data       tagged with an earlier tag
/// data    := scalar bytes | count + values (lists, arrays, sets) | count + (key value, value) pairs
///          | tuple items | count + (member name, value as object) pairs (records, objects)
/// </code>
/// Record members are written as <c>object</c> (self-tagged), so a member that no longer exists can
/// still be read past.</summary>
internal static class BinaryFormat
{
    public static readonly byte[] Magic = [(byte)'S', (byte)'B', 1];

    public const byte Null = 0;
    public const byte Bare = 1;
    public const byte NewTag = 2;
    public const byte KnownTag = 3;
    public const int MaxDepth = 64;

    /// <summary>Strict UTF-8: a lone surrogate fails instead of silently becoming U+FFFD.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
