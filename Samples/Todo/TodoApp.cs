using Solara.Apps;
using Solara.Rendering;
using Solara.Routing;
using static Solara.UI;

namespace Solara.Samples.Todo;

/// <summary>A todo list over three pages: links switch pages without a reload, back and forward
/// work, and <c>/todo/done</c> can be opened directly.</summary>
public sealed class TodoApp : SolaraApp
{
    public override string Name => "todo";
    public override string Title => "Todo";
    public override string Description => "A todo list with pages for all, active and done items: links, back/forward and deep links.";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page()
    {
        int remaining = TodoStore.Remaining;
        return Column(
            Markdown("## Todo"),
            Component.Of(NewItem),
            Text(remaining == 1 ? "1 item left" : $"{remaining} items left"),
            Row(Link("/todo", "All"), Link("/todo/active", "Active"), Link("/todo/done", "Done")),
            Routes("/todo",
                new Route("/", TodoPages.All, "All"),
                new Route("/active", TodoPages.Active, "Active"),
                new Route("/done", TodoPages.Done, "Done")));
    }

    /// <summary>The text box and its Add button; Enter in the box adds too.</summary>
    private static Element NewItem()
    {
        (string draft, Action<string> setDraft) = Hooks.UseState("");
        void Add()
        {
            TodoStore.Add(draft);
            setDraft("");
        }
        return Row(
            InputText("New item", draft, setDraft, placeholder: "What needs doing?", continuousUpdate: true, onEnter: Add),
            Button("Add", Add, disabled: string.IsNullOrWhiteSpace(draft)));
    }
}
