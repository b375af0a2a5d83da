using Solara.Orleans.Tests.Rendering;

namespace Solara.Orleans.Tests.State;

/// <summary>The app-facing <see cref="SolaraState"/> accessors read the current kernel, and say
/// clearly when there is none.</summary>
public sealed class SolaraStateFacadeTests
{
    [Fact]
    public void Inside_a_kernel_the_ids_are_the_kernels_and_KernelClosed_fires_when_it_closes()
    {
        CancellationToken closed;
        string kernelId;
        using (var kernel = new TestKernelContext())
        {
            kernelId = kernel.Context.KernelId;
            Assert.Equal(kernelId, SolaraState.KernelId);
            Assert.Equal("session", SolaraState.SessionId);
            closed = SolaraState.KernelClosed;
            Assert.False(closed.IsCancellationRequested);
        }

        Assert.True(closed.IsCancellationRequested);
        Assert.NotEmpty(kernelId);
    }

    [Fact]
    public void KernelClosed_stays_readable_by_a_task_that_outlives_its_kernel()
    {
        // The kernel's context is disposed as it closes; a task it started still has it as current.
        var kernel = new TestKernelContext();
        kernel.Context.Dispose();
        try
        {
            Assert.True(SolaraState.KernelClosed.IsCancellationRequested);
        }
        finally
        {
            Solara.Reactive.KernelContext.Exit();
        }
    }

    [Fact]
    public void Outside_a_kernel_the_ids_are_null_and_KernelClosed_names_where_to_read_it()
    {
        Assert.Null(SolaraState.KernelId);
        Assert.Null(SolaraState.SessionId);
        Assert.Null(SolaraState.Generation);
        var error = Assert.Throws<InvalidOperationException>(() => SolaraState.KernelClosed);
        Assert.Contains("outside a kernel", error.Message, StringComparison.Ordinal);
    }
}
