using System.Globalization;
using System.Numerics;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

/// <summary>The json codec's table, row by row: each value comes back as the same type and the same value.</summary>
public sealed class JsonCodecRoundTripTests
{
    private readonly JsonStateCodec _codec = new();

    [Fact]
    public void Null_round_trips()
    {
        Assert.Equal("null", CodecAssert.Json(_codec, null));
        Assert.Null(_codec.Decode(_codec.Encode(null)));
    }

    [Fact]
    public void Booleans_round_trip_as_plain_json()
    {
        Assert.Equal("true", CodecAssert.Json(_codec, true));
        Assert.False((bool)CodecAssert.RoundTrips(_codec, false));
    }

    public static TheoryData<object> Integers() => new()
    {
        0, -1, int.MaxValue, int.MinValue,
        long.MaxValue, long.MinValue, (long)5,
        (short)-300, (ushort)65000, (byte)255, (sbyte)-128, uint.MaxValue, ulong.MaxValue,
    };

    [Theory]
    [MemberData(nameof(Integers))]
    public void Every_integer_type_round_trips_with_its_type(object value)
    {
        Assert.Equal(value, CodecAssert.RoundTrips(_codec, value));
    }

    [Fact]
    public void An_int_is_a_plain_json_number_and_other_integers_are_tagged()
    {
        Assert.Equal("42", CodecAssert.Json(_codec, 42));
        Assert.Equal("""{"$solara":"long","value":42}""", CodecAssert.Json(_codec, 42L));
    }

    public static TheoryData<object> FloatingPoint() => new()
    {
        1.0, 0.1, -2.5e-300, 1e300, double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
        1.5f, float.MaxValue, float.NaN, float.NegativeInfinity,
    };

    [Theory]
    [MemberData(nameof(FloatingPoint))]
    public void Floating_point_round_trips_exactly_including_nan_and_infinities(object value)
    {
        Assert.Equal(value, CodecAssert.RoundTrips(_codec, value));
    }

    [Fact]
    public void A_whole_double_stays_a_double()
    {
        Assert.Equal("1.0", CodecAssert.Json(_codec, 1.0));
        Assert.IsType<double>(_codec.Decode(_codec.Encode(1.0)));
        Assert.True(double.IsNegative((double)_codec.Decode(_codec.Encode(-0.0))!));
    }

    [Fact]
    public void Decimal_round_trips_with_its_scale()
    {
        decimal restored = CodecAssert.RoundTrips(_codec, 1.50m);
        Assert.Equal("1.50", restored.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(79228162514264337593543950335m, CodecAssert.RoundTrips(_codec, decimal.MaxValue));
        Assert.Equal(-0.0000000000000000000000000001m, CodecAssert.RoundTrips(_codec, -0.0000000000000000000000000001m));
    }

    [Fact]
    public void Big_integers_round_trip_beyond_64_bits()
    {
        BigInteger huge = BigInteger.Pow(3, 200) * -1;
        Assert.Equal(huge, CodecAssert.RoundTrips(_codec, huge));
    }

    [Fact]
    public void Strings_and_chars_round_trip_including_non_ascii()
    {
        Assert.Equal("naïve ☃ 🚀 \"quoted\" \\ \n", CodecAssert.RoundTrips(_codec, "naïve ☃ 🚀 \"quoted\" \\ \n"));
        Assert.Equal("", CodecAssert.RoundTrips(_codec, ""));
        Assert.Equal('é', CodecAssert.RoundTrips(_codec, 'é'));
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    [InlineData(DateTimeKind.Local)]
    public void DateTime_round_trips_with_its_ticks_and_kind(DateTimeKind kind)
    {
        var value = new DateTime(2024, 2, 29, 13, 45, 7, kind).AddTicks(1234567);
        DateTime restored = CodecAssert.RoundTrips(_codec, value);
        Assert.Equal(value.Ticks, restored.Ticks);
        Assert.Equal(kind, restored.Kind);
    }

    [Fact]
    public void DateTimeOffset_round_trips_with_its_offset()
    {
        var value = new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.FromHours(-7)).AddTicks(42);
        DateTimeOffset restored = CodecAssert.RoundTrips(_codec, value);
        Assert.Equal(value, restored);
        Assert.Equal(value.Offset, restored.Offset);
    }

    [Fact]
    public void DateOnly_TimeOnly_and_TimeSpan_round_trip()
    {
        Assert.Equal(new DateOnly(1, 1, 1), CodecAssert.RoundTrips(_codec, new DateOnly(1, 1, 1)));
        Assert.Equal(new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9999999 - 1)), CodecAssert.RoundTrips(_codec, new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9999999 - 1))));
        Assert.Equal(TimeSpan.FromTicks(-123456789012345), CodecAssert.RoundTrips(_codec, TimeSpan.FromTicks(-123456789012345)));
    }

    [Fact]
    public void Guid_round_trips()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, CodecAssert.RoundTrips(_codec, id));
    }

    [Fact]
    public void Bytes_round_trip_as_base64()
    {
        byte[] blob = [0, 1, 2, 254, 255];
        Assert.Equal("""{"$solara":"bytes","value":"AAEC/v8="}""", CodecAssert.Json(_codec, blob));
        Assert.Equal(blob, CodecAssert.RoundTrips(_codec, blob));
    }

    [Fact]
    public void Enums_round_trip_including_flags_ulong_and_byte_backed()
    {
        Assert.Equal(Color.Green, CodecAssert.RoundTrips(_codec, Color.Green));
        Assert.Equal(Access.Read | Access.Top, CodecAssert.RoundTrips(_codec, Access.Read | Access.Top));
        Assert.Equal(Tiny.B, CodecAssert.RoundTrips(_codec, Tiny.B));
        Assert.Equal("""{"$solara":"[Solara.Orleans.Tests.State.Color, Tests]","value":5}""", CodecAssert.Json(_codec, Color.Green));
    }

    [Fact]
    public void Lists_and_arrays_round_trip_with_their_element_types()
    {
        Assert.Equal([1, 2, 3], CodecAssert.RoundTrips(_codec, new List<int> { 1, 2, 3 }));
        Assert.Equal(new[] { "a", null, "c" }, CodecAssert.RoundTrips(_codec, new[] { "a", null, "c" }).AsEnumerable());
        Assert.Equal([1L, -1L], CodecAssert.RoundTrips(_codec, new long[] { 1, -1 }));
        Assert.Empty(CodecAssert.RoundTrips(_codec, new List<Guid>()));
        Assert.Equal([[1], [2, 3]], CodecAssert.RoundTrips(_codec, new List<int[]> { new[] { 1 }, new[] { 2, 3 } }));
    }

    [Fact]
    public void A_list_of_objects_keeps_each_element_type()
    {
        var mixed = new List<object?> { 1, 2L, "two", 3.0, null, true, Color.Blue, new DateOnly(2024, 1, 2) };
        List<object?> restored = CodecAssert.RoundTrips(_codec, mixed);
        Assert.Equal(mixed, restored);
        Assert.Equal(mixed.Select(v => v?.GetType()), restored.Select(v => v?.GetType()));
    }

    [Fact]
    public void Sets_come_back_as_sets()
    {
        HashSet<string> restored = CodecAssert.RoundTrips(_codec, new HashSet<string> { "NL", "BE", "DE" });
        Assert.IsType<HashSet<string>>(restored);
        Assert.True(restored.SetEquals(["NL", "BE", "DE"]));
        SortedSet<int> sorted = CodecAssert.RoundTrips(_codec, new SortedSet<int> { 3, 1, 2 });
        Assert.Equal([1, 2, 3], sorted);
        Assert.StartsWith("""{"$solara":"set<string>","value":[""", CodecAssert.Json(_codec, new HashSet<string> { "x" }));
    }

    [Fact]
    public void String_keyed_dictionaries_round_trip_and_plain_ones_stay_plain_json()
    {
        var filters = new Dictionary<string, object?> { ["country"] = "NL", ["year"] = 2024, ["ratio"] = 0.5, ["tags"] = new List<object?> { "a" } };
        Assert.Equal("""{"country":"NL","year":2024,"ratio":0.5,"tags":["a"]}""", CodecAssert.Json(_codec, filters));
        Dictionary<string, object?> restored = CodecAssert.RoundTrips(_codec, filters);
        Assert.Equal("NL", restored["country"]);
        Assert.Equal(2024, restored["year"]);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1 }, CodecAssert.RoundTrips(_codec, new Dictionary<string, int> { ["a"] = 1 }));
    }

    [Fact]
    public void Nullable_values_round_trip_in_records_and_lists()
    {
        var value = new WithNullables(null, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Color.Blue, [1, null, 3]);
        WithNullables restored = CodecAssert.RoundTrips(_codec, value);
        Assert.Null(restored.Maybe);
        Assert.Equal(value.When, restored.When);
        Assert.Equal(Color.Blue, restored.Tint);
        Assert.Equal([1, null, 3], restored.Sparse);
    }

    [Fact]
    public void Tuples_come_back_as_lists()
    {
        object? restored = _codec.Decode(_codec.Encode((1, "a")));
        Assert.Equal(new List<object?> { 1, "a" }, Assert.IsType<List<object?>>(restored));
        Assert.Equal(new List<object?> { 2, 3.5 }, _codec.Decode(_codec.Encode(Tuple.Create(2, 3.5))));
    }

    [Fact]
    public void A_tuple_list_converts_back_where_a_tuple_is_declared()
    {
        object? stored = _codec.Decode(_codec.Encode((7, "x")));
        Assert.Equal((7, "x"), StateValueConversion.To<(int, string)>(stored));
        Assert.Throws<StateCodecException>(() => StateValueConversion.To<(int, int)>(stored));
    }

    [Fact]
    public void Every_scalar_round_trips_inside_a_record()
    {
        var value = new Scalars(true, 1, -2, -3, 4, 5, 6, -7, 8, 1.25f, double.NaN, 10.10m, 'z', "text", BigInteger.Parse("123456789012345678901234567890"),
            new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc), DateTimeOffset.UnixEpoch.ToOffset(TimeSpan.FromMinutes(330)), new DateOnly(2024, 12, 31),
            new TimeOnly(1, 2, 3), TimeSpan.FromDays(-1.5), Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), [9, 8], Access.Write, Tiny.A);
        Scalars restored = CodecAssert.RoundTrips(_codec, value);
        Assert.Equal(value.M.ToString(CultureInfo.InvariantCulture), restored.M.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(value.AtOffset.Offset, restored.AtOffset.Offset);
        Assert.Equal(value.Blob, restored.Blob);
        Assert.Equal(value with { Blob = restored.Blob }, restored);
    }
}
