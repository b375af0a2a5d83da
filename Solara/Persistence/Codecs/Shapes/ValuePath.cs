using System.Text;

namespace Solara.Persistence.Codecs;

/// <summary>Where in a value a codec is, for error messages: <c>$.Addresses[2].Street</c>.
/// Segments are pushed and popped as the codec walks; text is only built for an error.</summary>
internal sealed class ValuePath
{
    private readonly List<(string? Name, int Index)> _segments = [];

    public int Depth => _segments.Count;

    public void Push(string name) => _segments.Add((name, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder("$");
        foreach ((string? name, int index) in _segments)
        {
            if (name is null)
                text.Append('[').Append(index).Append(']');
            else if (name.All(c => char.IsLetterOrDigit(c) || c == '_'))
                text.Append('.').Append(name);
            else
                text.Append("[\"").Append(name.Replace("\"", "\\\"")).Append("\"]");
        }
        return text.ToString();
    }
}
