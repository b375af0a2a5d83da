using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>Trait values live in slots shared by every widget of a class; each widget still sees only
/// the traits it set, with null as a value of its own.</summary>
public sealed class TraitStorageTests
{
    [Fact]
    public void A_trait_set_on_one_widget_is_not_a_trait_of_another_of_its_class()
    {
        var first = new Button();
        var second = new Button();
        string name = "custom_" + Guid.NewGuid().ToString("N");

        first.SetTrait(name, 7);

        Assert.Contains(name, first.TraitNames);
        Assert.Equal(7, (int)first.GetTrait(name)!);
        Assert.DoesNotContain(name, second.TraitNames);
        Assert.False(second.FullState().ContainsKey(name));
        Assert.Null(second.GetTrait(name));
        Assert.Equal(first.TraitNames.Count(), second.TraitNames.Count() + 1);
    }

    [Fact]
    public void A_null_value_is_a_trait_and_the_class_order_is_kept()
    {
        var button = new Button();
        string[] names = [.. button.TraitNames];

        Assert.Equal("_model_name", names[0]);
        Assert.Contains("_view_count", names);
        Assert.Null(button.GetTrait("_view_count"));
        Assert.True(button.FullState().ContainsKey("tooltip"));
        Assert.Equal(names, new Button().TraitNames);
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public async Task Widgets_of_one_class_on_many_threads_keep_their_own_values()
    {
        string[] extra = [.. Enumerable.Range(0, 32).Select(i => $"threaded_{Guid.NewGuid():N}_{i}")];
        Button[] buttons = await Task.WhenAll(extra.Select(name => Task.Run(() =>
        {
            var button = new Button();
            button.SetTrait(name, name);
            button.Description = name;
            return button;
        })));

        for (int i = 0; i < buttons.Length; i++)
        {
            Assert.Equal(extra[i], buttons[i].GetTrait(extra[i]));
            Assert.Equal(extra[i], buttons[i].Description);
            Assert.Single(buttons[i].TraitNames, n => n.StartsWith("threaded_", StringComparison.Ordinal));
        }
    }
}
