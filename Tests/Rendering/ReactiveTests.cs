using Solara.Reactive;

namespace Solara.Orleans.Tests.Rendering;

public sealed class ReactiveTests
{
    private static readonly Reactive<int> Shared = new(5);

    [Fact]
    public void Each_kernel_has_its_own_value_and_outside_a_kernel_the_initial_value_shows()
    {
        using (var first = new TestKernelContext())
        {
            Shared.Value = 6;
            Assert.Equal(6, Shared.Value);
        }
        using (var second = new TestKernelContext())
            Assert.Equal(5, Shared.Value);
        Assert.Equal(5, Shared.Value);
    }

    [Fact]
    public void Setting_an_equal_value_notifies_nobody()
    {
        using var kernel = new TestKernelContext();
        var seen = new List<int>();
        var names = new Reactive<IReadOnlyList<string>>(["a"]);
        using IDisposable subscription = Shared.Subscribe(seen.Add);
        var listSeen = 0;
        using IDisposable listSubscription = names.Subscribe(_ => listSeen++);

        Shared.Value = 5;
        Shared.Value = 7;
        Shared.Value = 7;
        names.Value = ["a"];

        Assert.Equal([7], seen);
        Assert.Equal(0, listSeen);
    }

    [Fact]
    public void Setting_outside_a_kernel_fails_with_an_explanation()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Shared.Value = 1);
        Assert.Contains("outside a kernel", e.Message);
    }

    [Fact]
    public void A_computed_value_is_cached_and_recomputed_only_after_an_input_changes()
    {
        using var kernel = new TestKernelContext();
        var a = new Reactive<int>(2);
        var b = new Reactive<int>(3);
        int computations = 0;
        var product = new Computed<int>(() =>
        {
            computations++;
            return a.Value * b.Value;
        });

        Assert.Equal(6, product.Value);
        Assert.Equal(6, product.Value);
        b.Value = 4;
        Assert.Equal(8, product.Value);
        Assert.Equal(8, product.Value);

        Assert.Equal(2, computations);
    }
}
