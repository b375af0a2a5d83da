using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Solara;

/// <summary>Markdown to HTML that is safe to show: raw HTML is escaped, and links or images whose
/// URL uses a script-capable scheme are neutralised.</summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private static readonly string[] UnsafeSchemes = ["javascript:", "vbscript:", "data:", "file:"];

    public static string ToSafeHtml(string markdown)
    {
        MarkdownDocument document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (LinkInline link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && UnsafeSchemes.Any(s => url.TrimStart().StartsWith(s, StringComparison.OrdinalIgnoreCase)))
                link.Url = "#";
        }
        return Markdig.Markdown.ToHtml(document, Pipeline);
    }
}
