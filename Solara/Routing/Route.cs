using Solara.Rendering;

namespace Solara.Routing;

/// <summary>One page of a multi-page app: a path under the app (<c>""</c> or <c>"/"</c> for the
/// start page, <c>"/about"</c>), the component that renders it, and a title for navigation.</summary>
public sealed record Route(string Path, Func<Element> Render, string Title = "");
