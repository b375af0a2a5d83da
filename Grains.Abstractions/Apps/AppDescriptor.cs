namespace Solara.Orleans.Abstractions.Apps;

/// <summary>What a gateway knows of an app without loading its code: enough for the gallery and the page.</summary>
public sealed record AppDescriptor(string Name, string Title, string Description);
