using System.Numerics;
using Solara.Orleans.Abstractions.Options;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

/// <summary>The gated <c>pickle</c> codec: refused unless the deployment allows it; otherwise the
/// json value space plus tuples, any-key dictionaries and plain objects.</summary>
public sealed class BinaryCodecTests
{
    private readonly BinaryStateCodec _codec = new(() => true, new DecodeTypeAllowList());

    [Fact]
    public void Without_SOLARA_STATE_ALLOW_PICKLE_both_directions_refuse()
    {
        var gated = new BinaryStateCodec(() => false, new DecodeTypeAllowList());
        byte[] payload = _codec.Encode(1);

        var encode = Assert.Throws<StateSerializationException>(() => gated.Encode(1));
        var decode = Assert.Throws<StateCodecException>(() => gated.Decode(payload));

        Assert.Contains("SOLARA_STATE_ALLOW_PICKLE=true", encode.Message);
        Assert.Contains("SOLARA_STATE_ALLOW_PICKLE=true", decode.Message);
    }

    [Fact]
    public void The_registry_gate_follows_the_deployment_setting()
    {
        var registry = new StateCodecRegistry();
        Assert.Throws<StateSerializationException>(() => registry.Encode("pickle", 1));

        registry.ApplyDeployment(new StateOptions { AllowPickle = true });
        Assert.Equal(1, registry.Decode("pickle", registry.Encode("pickle", 1)));

        registry.ApplyDeployment(new StateOptions { AllowPickle = false });
        Assert.Throws<StateSerializationException>(() => registry.Encode("pickle", 1));
    }

    public static TheoryData<object?> JsonValueSpace() => new()
    {
        null, true, 42, -7L, (byte)1, ulong.MaxValue, 1.0, double.NaN, 2.5f, 1.50m, BigInteger.Pow(2, 100), 'x', "tëxt",
        new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Local), DateTimeOffset.UnixEpoch.ToOffset(TimeSpan.FromHours(2)),
        new DateOnly(2020, 2, 29), new TimeOnly(12, 0), TimeSpan.FromMilliseconds(-5), Guid.NewGuid(), new byte[] { 0, 255 },
        Color.Blue, Access.Top | Access.Write, new List<int?> { 1, null }, new[] { "a" }, new HashSet<int> { 1, 2 }, new SortedSet<string> { "b", "a" },
        new Dictionary<string, object?> { ["k"] = new List<object?> { 1, "x", Color.Red } },
        new User("Ada", 36, new Address("Main", 1), [new Address("Side", 2)]),
        new Drawing("d", [new Circle(1), new Square(2)], null), new Point(1, 2), new Page<Address>([new Address("a", 1)], 1),
        new Preferences { Theme = "dark" },
    };

    [Theory]
    [MemberData(nameof(JsonValueSpace))]
    public void It_round_trips_the_json_value_space(object? value)
    {
        CodecAssert.RoundTrips(_codec, value);
    }

    [Fact]
    public void Tuples_stay_tuples()
    {
        Assert.Equal((1, "a", Color.Green), CodecAssert.RoundTrips(_codec, (1, "a", Color.Green)));
        Assert.Equal(Tuple.Create(2.5, "b"), CodecAssert.RoundTrips(_codec, Tuple.Create(2.5, "b")));
        Assert.Equal((object)(1, 2), _codec.Decode(_codec.Encode((object)(1, 2))));
    }

    [Fact]
    public void Dictionaries_with_non_string_keys_round_trip()
    {
        var byId = new Dictionary<int, Address> { [1] = new("a", 1), [2] = new("b", 2) };
        Assert.Equal(byId, CodecAssert.RoundTrips(_codec, byId));
        var byGuid = new Dictionary<Guid, List<int>> { [Guid.Empty] = [1] };
        Assert.Equal([1], CodecAssert.RoundTrips(_codec, byGuid)[Guid.Empty]);
    }

    [Fact]
    public void Plain_objects_round_trip_by_their_public_properties()
    {
        PlainSettings restored = CodecAssert.RoundTrips(_codec, new PlainSettings { Theme = "dark" });
        Assert.Equal("dark", restored.Theme);
    }

    [Fact]
    public void Framework_objects_are_still_refused()
    {
        var error = Assert.Throws<StateSerializationException>(() => _codec.Encode(new MemoryStream()));
        Assert.Contains("System.IO.MemoryStream", error.Message);
    }

    [Fact]
    public void A_forged_framework_type_tag_is_refused_on_decode()
    {
        byte[] forged = [(byte)'S', (byte)'B', 1, 2, .. BinaryString("[System.IO.FileInfo, System.Private.CoreLib]"), 0];
        var error = Assert.Throws<StateCodecException>(() => _codec.Decode(forged));
        Assert.Contains("System.IO.FileInfo", error.Message);
    }

    [Fact]
    public void Damaged_payloads_fail_cleanly()
    {
        byte[] good = _codec.Encode(new List<string> { "abc", "def" });

        for (int length = 0; length < good.Length; length++)
            Assert.Throws<StateCodecException>(() => _codec.Decode(good[..length]));
        Assert.Contains("unexpected bytes", Assert.Throws<StateCodecException>(() => _codec.Decode([.. good, 0])).Message);
        byte[] huge = [(byte)'S', (byte)'B', 1, 2, .. BinaryString("list<int>"), 0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        Assert.Contains("exceeds", Assert.Throws<StateCodecException>(() => _codec.Decode(huge)).Message);
    }

    [Fact]
    public void A_value_that_contains_itself_is_refused()
    {
        var loop = new List<object?>();
        loop.Add(loop);
        Assert.Contains("contain itself", Assert.Throws<StateSerializationException>(() => _codec.Encode(loop)).Message);
    }

    private static byte[] BinaryString(string text)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            writer.Write(text);
        return stream.ToArray();
    }
}
