using System.Runtime.CompilerServices;
using Solara.Persistence;

namespace Solara.Orleans.Tests.State;

/// <summary>Key resolution: explicit keys win, static field initializers derive
/// <c>Namespace.Type:Field</c>, everything per-instance is refused with the site and the fix.</summary>
public sealed class PersistKeysTests
{
    [Fact]
    public void A_static_field_initializer_derives_namespace_type_and_field()
    {
        PersistBinding binding = Assert.IsType<PersistBinding>(PersistedStatics.Count.Binding);

        Assert.Equal("Solara.Orleans.Tests.State.PersistedStatics:Count", binding.Key);
        Assert.True(binding.Derived);
        Assert.Equal("json", binding.Serializer);
        Assert.Equal("reactive:Solara.Orleans.Tests.State.PersistedStatics:Count", binding.FieldName);
    }

    [Fact]
    public void A_static_auto_property_initializer_derives_the_property_name()
    {
        Assert.Equal("Solara.Orleans.Tests.State.PersistedStatics:Theme", PersistedStatics.Theme.Binding?.Key);
    }

    [Fact]
    public void Nested_types_are_joined_with_dots()
    {
        Assert.Equal("Solara.Orleans.Tests.State.PersistedStatics.Nested:Inner", PersistedStatics.Nested.Inner.Binding?.Key);
    }

    [Fact]
    public void An_explicit_key_wins_over_the_config_key_and_is_not_derived()
    {
        Assert.Equal(new PersistBinding("myapp.count", "json", false), PersistedStatics.Explicit.Binding);
        Assert.Equal(new PersistBinding("myapp.filters", "pickle", false), PersistedStatics.FromConfig.Binding);
        Assert.Equal(new PersistBinding("explicit.key", "json", false), PersistedStatics.ExplicitWins.Binding);
    }

    [Fact]
    public void A_config_without_a_key_derives_one_and_keeps_its_codec()
    {
        Assert.Equal(new PersistBinding("Solara.Orleans.Tests.State.PersistedStatics:DerivedWithCodec", "geo", true), PersistedStatics.DerivedWithCodec.Binding);
    }

    [Fact]
    public void A_lambda_inside_a_static_initializer_is_refused()
    {
        Assert.Null(PersistedStatics.FromLambda.Binding);
        Assert.Contains("lambda or local function", PersistedStatics.FromLambda.Refusal?.Reason);
    }

    [Fact]
    public void Reactives_in_a_container_or_wrapper_field_are_refused()
    {
        Assert.All(PersistedStatics.InArray, r => Assert.Contains("not the reactive itself", r.Refusal?.Reason));
        Assert.Contains("not the reactive itself", PersistedStatics.Wrapped.Inner.Refusal?.Reason);
    }

    [Fact]
    public void A_helper_method_called_by_a_static_initializer_is_refused()
    {
        Assert.Contains("function or factory", PersistedStatics.ViaHelper.Refusal?.Reason);
        Assert.Contains("Make", PersistedStatics.ViaHelper.Refusal?.Reason);
    }

    [Fact]
    public void A_static_constructor_body_is_refused()
    {
        Assert.Contains("static constructor body", StaticConstructorBody.Value.Refusal?.Reason);
    }

    [Fact]
    public void A_static_field_of_a_generic_type_is_refused()
    {
        Assert.Contains("is generic", GenericStatics<int>.Value.Refusal?.Reason);
    }

    [Fact]
    public void The_store_pattern_without_keys_is_refused_per_instance()
    {
        var store = new PerInstanceStore();
        Assert.Contains("one instance per object", store.FieldInitializer.Refusal?.Reason);
        Assert.Contains("one instance per object", store.InConstructor.Refusal?.Reason);
    }

    [Fact]
    public void A_reactive_created_in_a_loop_or_method_is_refused()
    {
        var made = new List<FakeReactive<int>>();
        for (int i = 0; i < 2; i++)
            made.Add(new FakeReactive<int>(i));

        Assert.All(made, r => Assert.Null(r.Binding));
        Assert.All(made, r => Assert.Contains("one instance per call", r.Refusal?.Reason));
    }

    [Fact]
    public void The_refusal_names_the_definition_site_with_its_source_line_and_the_per_instance_fix()
    {
        var reactive = new FakeReactive<string>("", persist: true);
        int line = Line() - 1;

        string message = Assert.IsType<PersistKeyRequiredException>(reactive.Refusal).Message;

        Assert.StartsWith("persist requires an explicit key here: a reactive created inside a function or factory", message);
        Assert.Contains($"Definition site: {File()}:{line}: `var reactive = new FakeReactive<string>(\"\", persist: true);`", message);
        Assert.Contains("key: $\"user:{userId}:query\"", message);
        Assert.Contains("NEVER use a constant key for reactives created per-instance", message);
    }

    [Fact]
    public void Without_a_readable_source_the_site_is_still_named()
    {
        var site = new CallerInfo("/no/such/file.cs", 42, "Make", typeof(PersistKeysTests).GetMethod(nameof(Without_a_readable_source_the_site_is_still_named)));

        var error = Assert.Throws<PersistKeyRequiredException>(() => PersistKeys.Resolve(null, null, site));

        Assert.Contains("Definition site: /no/such/file.cs:42\n", error.Message);
    }

    [Fact]
    public void Without_a_stack_frame_no_key_is_guessed()
    {
        var error = Assert.Throws<PersistKeyRequiredException>(() => PersistKeys.Resolve(null, null, new CallerInfo("f.cs", 1, "Count")));
        Assert.Contains("could not be located", error.Message);
    }

    [Fact]
    public void A_static_initializer_site_given_by_hand_derives_the_same_key()
    {
        var site = new CallerInfo("f.cs", 1, "Count", typeof(PersistedStatics).TypeInitializer, typeof(FakeReactive<int>));
        Assert.Equal("Solara.Orleans.Tests.State.PersistedStatics:Count", PersistKeys.Resolve(null, null, site).Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a\nb")]
    public void Blank_or_control_character_keys_are_refused_with_the_site(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => PersistKeys.Resolve(null, key, new CallerInfo("app.cs", 7, "M")));
        Assert.Contains("app.cs:7", error.Message);
    }

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string File([CallerFilePath] string path = "") => path;
}
