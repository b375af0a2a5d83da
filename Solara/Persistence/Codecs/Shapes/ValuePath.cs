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

    /// <summary>A decode failure located at the current position.</summary>
    public StateCodecException DecodeFailure(string why, Exception? inner = null) =>
        inner is null ? new($"{why} (at {this})") : new($"{why} (at {this})", inner);

    /// <summary>An encode failure located at the current position.</summary>
    public StateSerializationException EncodeFailure(string why) => new($"{why} (at {this})");

    /// <summary>Runs a read, turning the exceptions malformed data causes into a located decode failure.</summary>
    public T GuardDecode<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is StateCodecException or FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            throw DecodeFailure(e.Message, e);
        }
    }

    /// <summary>The shape a codec stores <paramref name="type"/> with, refusing types it cannot store or may not restore.</summary>
    public ValueShape EncodeShapeOf(Type type, CodecProfile profile, string codecName, DecodeTypeAllowList allow)
    {
        ValueShape shape;
        try
        {
            shape = ValueShapes.Of(type, profile);
        }
        catch (UnsupportedTypeException e)
        {
            throw EncodeFailure($"cannot store a value of type {TypeDisplay.Of(type)} with the {codecName} codec: {e.Message}");
        }
        foreach (Type named in shape.NamedTypes)
            if (!allow.Allows(named))
                throw EncodeFailure($"{TypeDisplay.Of(named)} is not in the state decode allow-list, so it could not be restored; add it with StateCodecs.AllowDecodeTypes at start-up");
        return shape;
    }

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
