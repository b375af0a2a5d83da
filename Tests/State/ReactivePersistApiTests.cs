using Solara.Persistence;
using Solara.Reactive;

namespace Solara.Orleans.Tests.State;

/// <summary>Definition sites of real persisted <see cref="Reactive{T}"/> values.</summary>
public static class RealPersistedStatics
{
    public static readonly Reactive<int> Derived = new(0, persist: true);

    public static readonly Reactive<string> Keyed = new("", key: "tests.api.keyed");

    public static readonly Reactive<int> Configured = new(0, persist: new PersistConfig("tests.api.configured", "json"));

    public static readonly Reactive<int> Plain = new(7);
}

/// <summary>The persistence overloads of <see cref="Reactive{T}"/>: keys, codecs, refusals and the one-key-one-variable rule.</summary>
public sealed class ReactivePersistApiTests
{
    [Fact]
    public void Plain_reactive_is_not_persisted()
    {
        Assert.Null(RealPersistedStatics.Plain.Persist);
        Assert.Equal(7, RealPersistedStatics.Plain.Initial);
        Assert.Null(new Reactive<int>(0, persist: false).Persist);
    }

    [Fact]
    public void Key_implies_persistence_with_the_json_codec()
    {
        PersistBinding binding = RealPersistedStatics.Keyed.Persist!;

        Assert.Equal("tests.api.keyed", binding.Key);
        Assert.Equal("json", binding.Serializer);
        Assert.False(binding.Derived);
        Assert.Equal("reactive:tests.api.keyed", binding.FieldName);
        Assert.True(PersistRegistry.IsRegistered("tests.api.keyed"));
    }

    [Fact]
    public void Persist_true_in_a_static_field_initializer_derives_the_key_from_the_field()
    {
        PersistBinding binding = RealPersistedStatics.Derived.Persist!;

        Assert.Equal(PersistKeys.DerivedKey(typeof(RealPersistedStatics), nameof(RealPersistedStatics.Derived)), binding.Key);
        Assert.True(binding.Derived);
    }

    [Fact]
    public void PersistConfig_sets_key_and_codec()
    {
        Assert.Equal(new PersistBinding("tests.api.configured", "json", false), RealPersistedStatics.Configured.Persist);
    }

    [Fact]
    public void Persist_true_inside_a_method_is_refused_naming_the_site()
    {
        var e = Assert.Throws<PersistKeyRequiredException>(() => new Reactive<int>(0, persist: true));

        Assert.Contains(nameof(ReactivePersistApiTests) + ".cs:", e.Message);
    }

    [Fact]
    public void A_key_with_persist_false_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Reactive<int>(0, persist: false, key: "tests.api.contradiction"));

        Assert.Contains("persist: false", e.Message);
    }

    [Fact]
    public void Two_live_definitions_with_one_key_are_refused_naming_both_sites()
    {
        string key = "tests.api.duplicate." + Guid.NewGuid().ToString("N");
        var first = new Reactive<int>(0, key: key);

        var e = Assert.Throws<DuplicatePersistKeyException>(() => new Reactive<int>(1, key: key));

        Assert.Equal(key, e.Key);
        Assert.Equal(2, e.Message.Split(nameof(ReactivePersistApiTests) + ".cs:").Length - 1);
        GC.KeepAlive(first);
    }
}
