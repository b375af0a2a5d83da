namespace Solara.Tools.WidgetGenerator.Emit;

/// <summary>How one trait looks in C#: the property type, the default the constructor sets, the
/// expression that reads a browser value into a local <c>v</c>, and what the setter stores.</summary>
internal sealed record TraitShape
{
    public required string Type { get; init; }

    public required string Default { get; init; }

    /// <summary>A bool expression that declares <c>v</c> (e.g. <c>TraitConvert.TryInt(value, out int v)</c>);
    /// null when the browser may only repeat the current value.</summary>
    public string? Parse { get; init; }

    /// <summary>What the setter stores, in terms of <c>value</c>.</summary>
    public required string SetterValue { get; init; }

    /// <summary>Private static fields the parse and setter expressions use (enumeration values).</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The value refers to widgets (layout, style, children, link ends): the kernel owns it,
    /// the browser may only send it back unchanged.</summary>
    public bool RefersToWidgets => Parse is null;
}
