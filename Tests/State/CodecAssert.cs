using System.Text;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

/// <summary>Round-trip checks shared by the codec tests.</summary>
internal static class CodecAssert
{
    /// <summary>Encodes, decodes, and checks the result has the same runtime type and encodes to the
    /// same bytes again (so no member, element, Kind, scale or tag was lost on the way).</summary>
    public static T RoundTrips<T>(IStateCodec codec, T value)
    {
        byte[] first = codec.Encode(value);
        object? decoded = codec.Decode(first);
        if (value is null)
        {
            Assert.Null(decoded);
            return value;
        }
        Assert.NotNull(decoded);
        Assert.Equal(value.GetType(), decoded.GetType());
        byte[] second = codec.Encode(decoded);
        Assert.Equal(first, second);
        return (T)decoded;
    }

    public static string Json(IStateCodec codec, object? value) => Encoding.UTF8.GetString(codec.Encode(value));
}
