namespace Solara.Orleans.Tests.Rendering;

/// <summary><see cref="MarkdownRenderer"/>: what <c>UI.Markdown</c> shows must be safe for text a user typed.</summary>
public sealed class MarkdownRendererTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Hello <img src=x onerror=alert(1)> world")]
    [InlineData("<div onclick=\"alert(1)\">click</div>")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>")]
    public void Raw_html_is_shown_as_text(string markdown)
    {
        string html = MarkdownRenderer.ToSafeHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](<javascript:alert(1)>)")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![img](javascript:alert(1))")]
    [InlineData("[click][evil]\n\n[evil]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](java&#x09;script:alert(1))")]
    [InlineData("[click](&#x01;javascript:alert(1))")]
    public void Script_links_are_neutralised(string markdown)
    {
        string html = MarkdownRenderer.ToSafeHtml(markdown);

        Assert.DoesNotMatch(@"(?i)(href|src)=""\s*(javascript|vbscript|data):", html);
        Assert.DoesNotMatch(@"(?i)(href|src)=""[^""]*script[^""]*:", html);
    }

    [Theory]
    [InlineData("# Title {onclick=\"alert(1)\"}")]
    [InlineData("[click](https://solara.dev){onmouseover=\"alert(1)\"}")]
    [InlineData("Some text\n{onmouseover=alert(1) style=\"position:fixed;inset:0\"}")]
    public void Attribute_syntax_cannot_add_event_handlers(string markdown)
    {
        string html = MarkdownRenderer.ToSafeHtml(markdown);

        Assert.DoesNotMatch(@"(?i)<[^>]*\son\w+=", html);
    }

    [Fact]
    public void Ordinary_links_are_kept()
    {
        string html = MarkdownRenderer.ToSafeHtml("[Solara](https://solara.dev) and [a page](/todo/done) and <https://example.com>");

        Assert.Contains("href=\"https://solara.dev\"", html);
        Assert.Contains("href=\"/todo/done\"", html);
        Assert.Contains("href=\"https://example.com\"", html);
    }

    [Fact]
    public void Pipe_tables_render_as_html_tables()
    {
        string html = MarkdownRenderer.ToSafeHtml("| City | Population |\n|---|--:|\n| Lyon | 520,000 |\n| Nice | 340,000 |\n");

        Assert.Contains("<table>", html);
        Assert.Matches(@"<th[^>]*>City</th>", html);
        Assert.Matches(@"<td[^>]*>Lyon</td>", html);
        Assert.Matches(@"<td style=""text-align: right;"">340,000</td>", html);
        Assert.Equal(3, html.Split("<tr>").Length - 1);
    }

    [Fact]
    public void Text_in_table_cells_is_escaped_too()
    {
        string html = MarkdownRenderer.ToSafeHtml("| a |\n|---|\n| <script>alert(1)</script> |\n");

        Assert.Contains("<table>", html);
        Assert.DoesNotContain("<script", html);
    }
}
