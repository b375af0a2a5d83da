namespace Solara.Orleans.Abstractions.Options;

/// <summary>Kernel lifecycle and limits, from the <c>SOLARA_KERNEL*</c> variables.</summary>
public sealed record KernelOptions
{
    public TimeSpan CullTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Live kernels this server may hold; null is unlimited.</summary>
    public long? MaxCount { get; init; }

    public long MaxPerSession { get; init; } = 100;

    public long MaxFrameBytes { get; init; } = 16 * 1024 * 1024;

    public static KernelOptions From(SettingsSource settings)
    {
        (string maxName, string? maxValue) = settings.First("SOLARA_KERNELS_MAX_COUNT", "SOLARA_KERNEL_MAX_COUNT");
        var options = new KernelOptions
        {
            CullTimeout = settings.Duration("SOLARA_KERNEL_CULL_TIMEOUT", TimeSpan.FromHours(24)),
            MaxCount = settings.OptionalCount(maxName, maxValue),
            MaxPerSession = settings.Count("SOLARA_KERNEL_MAX_PER_SESSION", 100),
            MaxFrameBytes = settings.Count("SOLARA_MAX_FRAME_BYTES", 16 * 1024 * 1024),
        };
        if (options.MaxFrameBytes < 1024)
            throw new SettingsException("SOLARA_MAX_FRAME_BYTES", $"SOLARA_MAX_FRAME_BYTES={options.MaxFrameBytes} is below the minimum of 1024 bytes");
        return options;
    }
}
