namespace Solara.Tools.WidgetGenerator.Emit;

/// <summary>What <c>ApplyFromBrowser</c> does with one trait after reading it into <c>v</c>:
/// refuse it when <see cref="Refuse"/> holds, store <see cref="Store"/>, then run <see cref="After"/>
/// (a kernel-side correction the browser is sent, e.g. re-clamping the value after a new min).</summary>
internal sealed record BrowserRule(string? Refuse = null, string Store = "v", string? After = null, bool Refused = false)
{
    public static BrowserRule Plain { get; } = new();

    /// <summary>Never accepted from the browser.</summary>
    public static BrowserRule ReadOnly { get; } = new(Refused: true);
}
