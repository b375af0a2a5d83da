using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

/// <summary>Once any type is allowed, only allowed records, data classes and enums are decoded (and stored).</summary>
public sealed class DecodeAllowListTests
{
    private static User Ada() => new("Ada", 36, new Address("Main", 1), [], Color.Green);

    [Fact]
    public void An_empty_allow_list_keeps_the_default_rule()
    {
        var registry = new StateCodecRegistry();
        Assert.False(registry.AllowList.IsEnforced);
        Assert.IsType<User>(registry.Decode("json", registry.Encode("json", Ada())));
    }

    [Fact]
    public void Allowed_types_still_round_trip()
    {
        var registry = new StateCodecRegistry();
        registry.AllowList.Add(typeof(User), typeof(Address), typeof(Color));

        Assert.Equal("Ada", Assert.IsType<User>(registry.Decode("json", registry.Encode("json", Ada()))).Name);
        Assert.Equal(3, registry.Decode("json", registry.Encode("json", 3)));
    }

    [Fact]
    public void A_type_outside_the_allow_list_is_refused_on_decode_even_with_a_valid_payload()
    {
        byte[] payload = new JsonStateCodec().Encode(new Team { Name = "t" });
        var registry = new StateCodecRegistry();
        registry.AllowList.Add(typeof(User));

        var error = Assert.Throws<StateCodecException>(() => registry.Decode("json", payload));

        Assert.Contains("Solara.Orleans.Tests.State.Team, Tests", error.Message);
        Assert.Contains("allow-list", error.Message);
    }

    [Fact]
    public void Nested_types_are_checked_too_not_only_the_outer_tag()
    {
        byte[] payload = new JsonStateCodec().Encode(Ada());
        var registry = new StateCodecRegistry();
        registry.AllowList.Add(typeof(User), typeof(Color));

        var error = Assert.Throws<StateCodecException>(() => registry.Decode("json", payload));

        Assert.Contains("Address", error.Message);
    }

    [Fact]
    public void Storing_a_type_that_could_not_be_restored_fails_on_the_first_write()
    {
        var registry = new StateCodecRegistry();
        registry.AllowList.Add(typeof(Address));

        var error = Assert.Throws<StateSerializationException>(() => registry.Encode("json", new Circle(1)));

        Assert.Contains("allow-list", error.Message);
    }

    [Fact]
    public void Types_can_be_allowed_by_name()
    {
        var registry = new StateCodecRegistry();
        registry.AllowList.Add("Solara.Orleans.Tests.State.Address ,Tests");

        Assert.Equal(new Address("a", 1), registry.Decode("json", registry.Encode("json", new Address("a", 1))));
        Assert.Throws<StateCodecException>(() => registry.Decode("json", new JsonStateCodec().Encode(Color.Red)));
        Assert.Throws<ArgumentException>(() => registry.AllowList.Add("NoAssemblyName"));
    }

    [Fact]
    public void The_binary_codec_honours_the_allow_list_too()
    {
        var registry = new StateCodecRegistry(allowPickle: true);
        byte[] payload = registry.Encode("pickle", new Circle(2));
        registry.AllowList.Add(typeof(Square));

        Assert.Throws<StateCodecException>(() => registry.Decode("pickle", payload));
    }
}
