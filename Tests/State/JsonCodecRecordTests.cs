using System.Collections.Immutable;
using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

/// <summary>Records and data classes: self-describing, nested at any depth, in containers, and
/// the only classes the json codec ever instantiates.</summary>
public sealed class JsonCodecRecordTests
{
    private readonly JsonStateCodec _codec = new();

    private static User Ada() => new("Ada", 36, new Address("Main", 1), [new Address("Side", 2), new Address("Back", 3)], Color.Green);

    [Fact]
    public void A_record_round_trips_with_nested_records_and_a_type_tag()
    {
        User restored = CodecAssert.RoundTrips(_codec, Ada());
        Assert.Equal("Ada", restored.Name);
        Assert.Equal(new Address("Main", 1), restored.Home);
        Assert.Equal([new Address("Side", 2), new Address("Back", 3)], restored.Other);
        Assert.Equal(Color.Green, restored.Favourite);
        Assert.StartsWith("""{"$solara":"[Solara.Orleans.Tests.State.User, Tests]","value":{"Name":"Ada","Age":36,""", CodecAssert.Json(_codec, Ada()));
    }

    [Fact]
    public void Records_nested_in_lists_in_dictionaries_restore_as_records()
    {
        var teams = new Dictionary<string, List<User>> { ["core"] = [Ada(), Ada() with { Name = "Bob", Home = null }], ["empty"] = [] };
        Dictionary<string, List<User>> restored = CodecAssert.RoundTrips(_codec, teams);
        Assert.IsType<User>(restored["core"][1]);
        Assert.Equal("Bob", restored["core"][1].Name);
        Assert.Null(restored["core"][1].Home);
        Assert.Empty(restored["empty"]);
    }

    [Fact]
    public void Records_held_as_objects_carry_their_own_tags()
    {
        var holder = new Dictionary<string, object?> { ["who"] = Ada(), ["where"] = new List<object?> { new Address("A", 1), new Point(1, 2) } };
        Dictionary<string, object?> restored = CodecAssert.RoundTrips(_codec, holder);
        Assert.IsType<User>(restored["who"]);
        var where = Assert.IsType<List<object?>>(restored["where"]);
        Assert.Equal(new Address("A", 1), where[0]);
        Assert.Equal(new Point(1, 2), where[1]);
    }

    [Fact]
    public void Init_only_records_and_sets_inside_them_round_trip()
    {
        var team = new Team { Name = "core", Members = [Ada()], Tags = ["a", "b"] };
        Team restored = CodecAssert.RoundTrips(_codec, team);
        Assert.Equal("core", restored.Name);
        Assert.Equal("Ada", Assert.Single(restored.Members).Name);
        Assert.True(restored.Tags.SetEquals(["a", "b"]));
    }

    [Fact]
    public void Derived_records_under_an_abstract_base_restore_as_their_own_type()
    {
        var drawing = new Drawing("plan", [new Circle(1.5), new Square(2)], new Square(3));
        Drawing restored = CodecAssert.RoundTrips(_codec, drawing);
        Assert.Equal([new Circle(1.5), new Square(2)], restored.Shapes);
        Assert.Equal(new Square(3), restored.Highlight);
    }

    [Fact]
    public void Record_structs_and_generic_records_round_trip()
    {
        Assert.Equal(new Point(0.5, -1), CodecAssert.RoundTrips(_codec, new Point(0.5, -1)));
        Page<User> page = CodecAssert.RoundTrips(_codec, new Page<User>([Ada()], 10));
        Assert.Equal(10, page.Total);
        Assert.Equal("Ada", Assert.Single(page.Items).Name);
    }

    [Fact]
    public void Tuple_members_of_records_are_restored_as_tuples()
    {
        var value = new WithTuple("t", (3, "three"), [(1, 2), (3, 4)]);
        WithTuple restored = CodecAssert.RoundTrips(_codec, value);
        Assert.Equal((3, "three"), restored.Position);
        Assert.Equal([(1, 2), (3, 4)], restored.Steps);
    }

    [Fact]
    public void Read_only_collections_are_stored_as_the_concrete_type_that_fits_back()
    {
        var value = new WithViews(
            [1, 2],
            new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["x", "y"] }.AsReadOnly(),
            ImmutableHashSet.Create(Color.Blue),
            ImmutableArray.Create(new Address("a", 1)));

        WithViews restored = CodecAssert.RoundTrips(_codec, value);

        Assert.Equal([1, 2], Assert.IsType<List<int>>(restored.Numbers));
        Assert.Equal(["x", "y"], restored.Groups["a"]);
        Assert.Equal([Color.Blue], Assert.IsType<HashSet<Color>>(restored.Colors));
        Assert.Equal([new Address("a", 1)], restored.Places);
        Assert.Equal([3, 4], _codec.Decode(_codec.Encode(ImmutableArray.Create(3, 4))) as List<int>);
    }

    [Fact]
    public void Computed_members_are_not_stored_and_recompute()
    {
        Assert.Equal("""{"$solara":"[Solara.Orleans.Tests.State.WithComputed, Tests]","value":{"A":1,"B":2}}""", CodecAssert.Json(_codec, new WithComputed(1, 2)));
        Assert.Equal(3, CodecAssert.RoundTrips(_codec, new WithComputed(1, 2)).Sum);
    }

    [Fact]
    public void A_constructor_parameter_added_with_a_default_takes_the_default()
    {
        byte[] old = """{"$solara":"[Solara.Orleans.Tests.State.WithDefault, Tests]","value":{"Name":"n","Removed":1}}"""u8.ToArray();
        Assert.Equal(new WithDefault("n", 3), _codec.Decode(old));
    }

    [Fact]
    public void A_missing_required_constructor_parameter_fails_naming_it_and_the_schema_tag()
    {
        byte[] old = """{"$solara":"[Solara.Orleans.Tests.State.Address, Tests]","value":{"Street":"s"}}"""u8.ToArray();
        var error = Assert.Throws<StateCodecException>(() => _codec.Decode(old));
        Assert.Contains("'Number'", error.Message);
        Assert.Contains("SOLARA_STATE_SCHEMA_TAG", error.Message);
    }

    [Fact]
    public void A_data_class_marked_StateData_round_trips()
    {
        Preferences restored = CodecAssert.RoundTrips(_codec, new Preferences { Theme = "dark", FontSize = 16 });
        Assert.Equal("dark", restored.Theme);
        Assert.Equal(16, restored.FontSize);
    }

    [Fact]
    public void A_forged_tag_naming_a_plain_class_is_refused_without_constructing_it()
    {
        int before = Volatile.Read(ref PlainSettings.Constructed);
        byte[] forged = """{"$solara":"[Solara.Orleans.Tests.State.PlainSettings, Tests]","value":{"Theme":"x"}}"""u8.ToArray();

        var error = Assert.Throws<StateCodecException>(() => _codec.Decode(forged));

        Assert.Contains("not a record", error.Message);
        Assert.Contains("PlainSettings", error.Message);
        Assert.Equal(before, Volatile.Read(ref PlainSettings.Constructed));
    }

    [Fact]
    public void A_plain_class_declared_as_a_record_member_is_refused_on_decode()
    {
        int before = Volatile.Read(ref PlainSettings.Constructed);
        byte[] forged = """{"$solara":"[Solara.Orleans.Tests.State.HoldsPlain, Tests]","value":{"Settings":{"Theme":"x"}}}"""u8.ToArray();

        var error = Assert.Throws<StateCodecException>(() => _codec.Decode(forged));

        Assert.Contains("not a record", error.Message);
        Assert.Contains("$.Settings", error.Message);
        Assert.Equal(before, Volatile.Read(ref PlainSettings.Constructed));
    }

    [Theory]
    [InlineData("[System.Diagnostics.Process, System.Diagnostics.Process]", "not a record")]
    [InlineData("[System.IO.FileInfo, System.Private.CoreLib]", "not a record")]
    [InlineData("[System.Collections.Generic.IList`1, System.Private.CoreLib]<int>", "interface")]
    [InlineData("[Evil.Payload, Evil.Assembly]", "not loaded")]
    [InlineData("[Solara.Orleans.Tests.State.Renamed, Tests]", "no longer exists")]
    [InlineData("list<[Solara.Orleans.Tests.State.PlainSettings, Tests]>", "not a record")]
    [InlineData("map<int,string>", "not a json codec type")]
    [InlineData("list<int>x", "malformed")]
    [InlineData("[../../etc, Tests]", "malformed")]
    [InlineData("nonsense", "unknown type")]
    public void Forged_or_stale_type_tags_are_refused_with_a_reason(string tag, string reason)
    {
        byte[] forged = System.Text.Encoding.UTF8.GetBytes("{\"$solara\":\"" + tag + "\",\"value\":{}}");

        var error = Assert.Throws<StateCodecException>(() => _codec.Decode(forged));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_tagged_value_that_does_not_fit_its_tag_fails_with_the_path()
    {
        byte[] damaged = """{"items":[1,{"$solara":"long","value":"seven"}]}"""u8.ToArray();
        var error = Assert.Throws<StateCodecException>(() => _codec.Decode(damaged));
        Assert.Contains("$.items[1]", error.Message);
    }

    [Fact]
    public void Invalid_json_is_a_codec_error()
    {
        var error = Assert.Throws<StateCodecException>(() => _codec.Decode("{\"a\":"u8.ToArray()));
        Assert.Contains("not valid json", error.Message);
    }
}
