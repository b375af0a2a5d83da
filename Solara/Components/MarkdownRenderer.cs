using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Solara;

/// <summary>Markdown to HTML that is safe to show: raw HTML is escaped, no syntax can add attributes
/// (so no event handlers), and links or images whose URL names a scheme other than http, https,
/// mailto or tel are neutralised.</summary>
public static class MarkdownRenderer
{
    // Markdig's advanced set without GenericAttributes (`{onclick=...}` would add event handlers)
    // and MediaLinks (it turns image links into iframes).
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAlertBlocks()
        .UseAbbreviations()
        .UseAutoIdentifiers()
        .UseCitations()
        .UseCustomContainers()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseFigures()
        .UseFooters()
        .UseFootnotes()
        .UseGridTables()
        .UseMathematics()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseDiagrams()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto", "tel"];
    private static readonly char[] ControlsAndSpace = Enumerable.Range(0, ' ' + 1).Select(i => (char)i).ToArray();

    public static string ToSafeHtml(string markdown)
    {
        MarkdownDocument document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (LinkInline link in document.Descendants<LinkInline>())
            if (link.Url is { } url && !IsSafeUrl(url))
                link.Url = "#";
        foreach (AutolinkInline link in document.Descendants<AutolinkInline>())
            if (!link.IsEmail && !IsSafeUrl(link.Url))
                link.Url = "#";
        return Markdig.Markdown.ToHtml(document, Pipeline);
    }

    /// <summary>A relative URL, or one with an allowed scheme, read the way a browser reads it: tabs and
    /// newlines anywhere and control characters or spaces at the ends do not count.</summary>
    private static bool IsSafeUrl(string url)
    {
        string cleaned = string.Concat(url.Where(c => c is not ('\t' or '\n' or '\r'))).Trim(ControlsAndSpace);
        int colon = cleaned.IndexOf(':');
        if (colon < 0 || cleaned.AsSpan(0, colon).IndexOfAny('/', '?', '#') >= 0)
            return true;
        return SafeSchemes.Contains(cleaned[..colon], StringComparer.OrdinalIgnoreCase);
    }
}
