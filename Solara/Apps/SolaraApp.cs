using Solara.Widgets;

namespace Solara.Apps;

/// <summary>An app the server can run. <see cref="Name"/> is its URL segment (<c>/{Name}</c>).</summary>
public abstract class SolaraApp
{
    public abstract string Name { get; }
    public abstract string Title { get; }
    public virtual string Description => "";

    /// <summary>Builds the app's widget tree for one kernel. Runs on that kernel's turn.</summary>
    public abstract Widget Render(RenderContext context);
}
