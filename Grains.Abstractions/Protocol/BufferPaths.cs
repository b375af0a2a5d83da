using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Solara.Orleans.Abstractions.Protocol;

/// <summary>ipywidgets binary traits: in memory a byte array sits in the state as a
/// <see cref="JsonValue"/> of <c>byte[]</c>; on the wire it is a frame buffer located by a
/// <c>buffer_paths</c> entry (a list of keys and indices).</summary>
public static class BufferPaths
{
    public static (JsonArray Paths, List<ReadOnlyMemory<byte>> Buffers) Extract(JsonNode state)
    {
        var paths = new JsonArray();
        var buffers = new List<ReadOnlyMemory<byte>>();
        // Almost no state holds bytes: look first, without allocating, before walking with paths.
        if (HoldsBytes(state))
            Walk(state, [], paths, buffers);
        return (paths, buffers);
    }

    private static bool HoldsBytes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                for (int i = 0; i < obj.Count; i++)
                    if (HoldsBytes(obj.GetAt(i).Value))
                        return true;
                return false;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                    if (HoldsBytes(array[i]))
                        return true;
                return false;
            case JsonValue value:
                return IsBytes(value, out _);
            default:
                return false;
        }
    }

    private static bool IsBytes(JsonValue value, [NotNullWhen(true)] out byte[]? bytes) => value.TryGetValue(out bytes);

    private static void Walk(JsonNode node, List<JsonNode> path, JsonArray paths, List<ReadOnlyMemory<byte>> buffers)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach ((string key, JsonNode? child) in obj.ToArray())
                    Visit(child, key, path, paths, buffers, replacement => obj[key] = replacement);
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    int index = i;
                    Visit(array[i], i, path, paths, buffers, replacement => array[index] = replacement);
                }
                break;
        }
    }

    private static void Visit(JsonNode? child, JsonNode key, List<JsonNode> path, JsonArray paths,
        List<ReadOnlyMemory<byte>> buffers, Action<JsonNode?> replace)
    {
        if (child is null)
            return;
        path.Add(key);
        if (child is JsonValue value && IsBytes(value, out byte[]? bytes))
        {
            paths.Add(new JsonArray(path.Select(p => p.DeepClone()).ToArray()));
            buffers.Add(bytes);
            replace(null);
        }
        else
        {
            Walk(child, path, paths, buffers);
        }
        path.RemoveAt(path.Count - 1);
    }

    /// <summary>Puts each buffer into <paramref name="state"/> at its path. Throws
    /// <see cref="FrameFormatException"/> when paths and buffers do not match.</summary>
    public static void Inject(JsonNode state, JsonNode? paths, IReadOnlyList<ReadOnlyMemory<byte>> buffers)
    {
        if (paths is null)
            return;
        if (paths is not JsonArray list)
            throw new FrameFormatException($"buffer_paths must be a list of paths, got {paths.ToJsonString()}");
        if (list.Count > buffers.Count)
            throw new FrameFormatException($"buffer_paths names {list.Count} buffers but the frame carries {buffers.Count}");
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonArray path || path.Count == 0)
                throw new FrameFormatException($"buffer_paths[{i}] is not a non-empty list of keys");
            JsonNode parent = state;
            for (int j = 0; j < path.Count - 1; j++)
                parent = Step(parent!, path[j]) ?? throw new FrameFormatException($"buffer_paths[{i}] leads nowhere at step {j}");
            JsonNode bytes = JsonValue.Create(buffers[i].ToArray())!;
            switch (parent, path[^1])
            {
                case (JsonObject obj, JsonValue key) when key.TryGetValue(out string? name):
                    obj[name] = bytes;
                    break;
                case (JsonArray arr, JsonValue key) when key.TryGetValue(out int index) && index >= 0 && index <= arr.Count:
                    if (index == arr.Count) arr.Add(bytes); else arr[index] = bytes;
                    break;
                default:
                    throw new FrameFormatException($"buffer_paths[{i}] does not end at an object key or list index");
            }
        }
    }

    private static JsonNode? Step(JsonNode node, JsonNode? key) => (node, key) switch
    {
        (JsonObject obj, JsonValue k) when k.TryGetValue(out string? name) => obj[name],
        (JsonArray arr, JsonValue k) when k.TryGetValue(out int index) && index >= 0 && index < arr.Count => arr[index],
        _ => null,
    };
}
