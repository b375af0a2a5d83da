using Solara.Reactive;

namespace Solara.Samples.Todo;

/// <summary>The todo list of one page, and the only ways it changes. Each change assigns a new
/// list (never mutates the old one), which is what re-renders the components that read it.</summary>
public static class TodoStore
{
    public static readonly Reactive<IReadOnlyList<TodoItem>> Items = new([]);

    public static int Remaining => Items.Value.Count(item => !item.Done);

    public static void Add(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return;
        IReadOnlyList<TodoItem> items = Items.Peek;
        int id = items.Count == 0 ? 1 : items.Max(item => item.Id) + 1;
        Items.Value = [.. items, new TodoItem(id, text.Trim(), Done: false)];
    }

    public static void SetDone(int id, bool done) =>
        Items.Value = Items.Peek.Select(item => item.Id == id ? item with { Done = done } : item).ToArray();

    public static void Remove(int id) =>
        Items.Value = Items.Peek.Where(item => item.Id != id).ToArray();
}
