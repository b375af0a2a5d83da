using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

/// <summary>What the json codec does not store fails on the first encode, saying what, where and the fix.</summary>
public sealed class JsonCodecRefusalTests
{
    private readonly JsonStateCodec _codec = new();

    [Fact]
    public void A_plain_class_is_refused_naming_the_type_and_the_fixes()
    {
        var error = Assert.Throws<StateSerializationException>(() => _codec.Encode(new PlainSettings()));

        Assert.Contains("Solara.Orleans.Tests.State.PlainSettings", error.Message);
        Assert.Contains("not a record", error.Message);
        Assert.Contains("[StateData]", error.Message);
        Assert.Contains("custom codec", error.Message);
    }

    [Fact]
    public void The_error_says_where_in_the_value_the_unsupported_type_is()
    {
        var value = new Dictionary<string, object?> { ["ok"] = 1, ["items"] = new List<object?> { "fine", new MemoryStream() } };

        var error = Assert.Throws<StateSerializationException>(() => _codec.Encode(value));

        Assert.Contains("System.IO.MemoryStream", error.Message);
        Assert.Contains("$.items[1]", error.Message);
    }

    public static TheoryData<object, string> Unsupported() => new()
    {
        { new Dictionary<int, string> { [1] = "a" }, "keys must be strings" },
        { new Queue<int>(), "collection type Queue<int> is not stored" },
        { new Func<int>(() => 1), "not a record" },
        { new { Name = "anonymous" }, "not a record" },
        { new int[2, 2], "multi-dimensional" },
        { (1, 2, 3, 4, 5, 6, 7, 8), "more than 7 items" },
        { new Opaque(1), "no public constructor whose parameters all match" },
        { new List<IComparable> { 1 }, "interface" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Values_outside_the_table_are_refused_on_encode(object value, string reason)
    {
        var error = Assert.Throws<StateSerializationException>(() => _codec.Encode(value));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_read_only_collection_whose_stored_type_would_not_fit_back_is_refused_on_encode()
    {
        var error = Assert.Throws<StateSerializationException>(() => _codec.Encode(new WithImmutable([1, 2])));

        Assert.Contains("stored as List<int>, which does not fit the declared System.Collections.Immutable.ImmutableList<int>", error.Message);
        Assert.Contains("$.Items", error.Message);
    }

    [Fact]
    public void The_reserved_tag_key_is_refused_in_dictionaries()
    {
        var error = Assert.Throws<StateSerializationException>(() => _codec.Encode(new Dictionary<string, int> { ["$solara"] = 1 }));
        Assert.Contains("reserved", error.Message);
    }

    [Fact]
    public void A_value_that_contains_itself_is_refused_instead_of_overflowing_the_stack()
    {
        var loop = new List<object?>();
        loop.Add(loop);

        var error = Assert.Throws<StateSerializationException>(() => _codec.Encode(loop));

        Assert.Contains("contain itself", error.Message);
    }

    [Fact]
    public void Text_that_is_not_valid_unicode_is_refused()
    {
        Assert.Throws<StateSerializationException>(() => _codec.Encode("broken \ud800 surrogate"));
    }
}
