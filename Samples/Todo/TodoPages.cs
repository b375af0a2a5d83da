using Solara.Rendering;
using static Solara.UI;

namespace Solara.Samples.Todo;

/// <summary>The three pages of the list (<c>/todo</c>, <c>/todo/active</c>, <c>/todo/done</c>): the same
/// list, filtered. Each row is its own component, keyed by the item's id, so ticking one row
/// updates that row's widgets only.</summary>
public static class TodoPages
{
    public static Element All() => List("All", _ => true, "Nothing to do yet: add something above.");

    public static Element Active() => List("Active", item => !item.Done, "Nothing left to do.");

    public static Element Done() => List("Done", item => item.Done, "Nothing done yet.");

    private static Element List(string title, Func<TodoItem, bool> show, string empty)
    {
        TodoItem[] items = TodoStore.Items.Value.Where(show).ToArray();
        Element list = items.Length == 0
            ? Text(empty)
            : Column(items.Select(item => Component.Of(ItemRow, item, key: $"item-{item.Id}")), gap: "4px");
        return Column(Markdown($"### {title}"), list);
    }

    private static Element ItemRow(TodoItem item) => Row(
        Checkbox(item.Text, item.Done, done => TodoStore.SetDone(item.Id, done)),
        Button("Remove", () => TodoStore.Remove(item.Id)));
}
