namespace Solara.Samples.Todo;

/// <summary>One thing to do. Immutable: a change is a new item, so equality tells the renderer what changed.</summary>
public sealed record TodoItem(int Id, string Text, bool Done);
