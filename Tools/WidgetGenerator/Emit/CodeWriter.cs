using System.Text;

namespace Solara.Tools.WidgetGenerator.Emit;

/// <summary>Builds C# source line by line with four-space indentation and <c>\n</c> line ends,
/// so the output is the same on every platform.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _depth * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c>
    /// (plus <paramref name="closingSuffix"/>, e.g. <c>;</c>).</summary>
    public Scope Block(string closingSuffix = "")
    {
        Line("{");
        _depth++;
        return new Scope(this, closingSuffix);
    }

    public Scope Indented()
    {
        _depth++;
        return new Scope(this, null);
    }

    public override string ToString() => _text.ToString();

    internal readonly struct Scope(CodeWriter writer, string? closingSuffix) : IDisposable
    {
        public void Dispose()
        {
            writer._depth--;
            if (closingSuffix is not null)
                writer.Line("}" + closingSuffix);
        }
    }
}
