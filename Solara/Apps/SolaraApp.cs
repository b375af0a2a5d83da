using Solara.Rendering;

namespace Solara.Apps;

/// <summary>An app the server can run. <see cref="Name"/> is its URL segment (<c>/{Name}</c>).</summary>
public abstract class SolaraApp
{
    public abstract string Name { get; }
    public abstract string Title { get; }
    public virtual string Description => "";

    /// <summary>The app's root element for one kernel (typically <c>Component.Of(Page)</c>). Runs on that kernel's turn.</summary>
    public abstract Element Render(RenderContext context);
}
