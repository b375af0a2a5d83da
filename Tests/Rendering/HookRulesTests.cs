using Solara.Rendering;

namespace Solara.Orleans.Tests.Rendering;

public sealed class HookRulesTests
{
    [Fact]
    public void A_hook_called_outside_a_render_fails_with_an_explanation()
    {
        HookException e = Assert.Throws<HookException>(() => Hooks.UseState(0));
        Assert.Contains("UseState was called outside a component render", e.Message);
    }

    [Fact]
    public void UseEffect_outside_a_render_fails_too()
    {
        HookException e = Assert.Throws<HookException>(() => Hooks.UseEffect(() => { }, []));
        Assert.Contains("UseEffect", e.Message);
    }
}
