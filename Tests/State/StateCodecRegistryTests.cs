using System.Text;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

public sealed class StateCodecRegistryTests
{
    [Fact]
    public void Json_and_pickle_are_built_in()
    {
        var registry = new StateCodecRegistry();
        Assert.Equal(["json", "pickle"], registry.Names);
        Assert.IsType<JsonStateCodec>(registry.Get("json"));
    }

    [Fact]
    public void A_custom_codec_is_used_by_name()
    {
        var registry = new StateCodecRegistry();
        registry.Register("upper", value => Encoding.UTF8.GetBytes(((string)value!).ToUpperInvariant()), bytes => Encoding.UTF8.GetString(bytes).ToLowerInvariant());

        byte[] payload = registry.Encode("upper", "Hello");

        Assert.Equal("HELLO", Encoding.UTF8.GetString(payload));
        Assert.Equal("hello", registry.Decode("upper", payload));
    }

    [Fact]
    public void The_static_registry_takes_typed_custom_codecs()
    {
        string name = "point-" + Guid.NewGuid().ToString("N")[..8];
        StateCodecs.Register<Point>(name, p => BitConverter.GetBytes(p.X).Concat(BitConverter.GetBytes(p.Y)).ToArray(),
            bytes => new Point(BitConverter.ToDouble(bytes, 0), BitConverter.ToDouble(bytes, 8)));

        IStateCodec codec = StateCodecs.Get(name);

        Assert.Equal(new Point(1.5, -2), codec.Decode(codec.Encode(new Point(1.5, -2))));
    }

    [Fact]
    public void Failures_of_a_custom_codec_become_codec_errors_naming_it()
    {
        var registry = new StateCodecRegistry();
        registry.Register("fragile", _ => throw new InvalidOperationException("no"), _ => throw new FormatException("bad"));

        var encode = Assert.Throws<StateSerializationException>(() => registry.Encode("fragile", 1));
        var decode = Assert.Throws<StateCodecException>(() => registry.Decode("fragile", [1]));

        Assert.Contains("'fragile'", encode.Message);
        Assert.Contains("no", encode.Message);
        Assert.Contains("'fragile'", decode.Message);
        Assert.Contains("bad", decode.Message);
    }

    [Fact]
    public void An_unknown_codec_says_which_are_registered_and_how_to_register()
    {
        var error = Assert.Throws<StateCodecException>(() => new StateCodecRegistry().Get("geo"));
        Assert.Contains("unknown codec 'geo'", error.Message);
        Assert.Contains("json, pickle", error.Message);
        Assert.Contains("StateCodecs.Register(\"geo\"", error.Message);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("pickle")]
    public void Built_in_codecs_cannot_be_replaced(string name)
    {
        var registry = new StateCodecRegistry();
        Assert.Throws<ArgumentException>(() => registry.Register(name, _ => [], _ => null));
        Assert.True(registry.Get(name) is JsonStateCodec or BinaryStateCodec);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünï")]
    public void Codec_names_are_plain(string name)
    {
        Assert.Throws<ArgumentException>(() => new StateCodecRegistry().Register(name, _ => [], _ => null));
    }
}
