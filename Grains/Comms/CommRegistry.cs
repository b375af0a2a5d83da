using System.Text.Json.Nodes;

namespace Solara.Orleans.Grains.Comms;

/// <summary>The open comms of one kernel, by comm id.</summary>
public sealed class CommRegistry
{
    private readonly Dictionary<string, ICommTarget> _comms = new(StringComparer.Ordinal);

    public int Count => _comms.Count;

    public void Add(ICommTarget target) => _comms[target.CommId] = target;

    public bool Remove(string commId) => _comms.Remove(commId);

    public IEnumerable<ICommTarget> All => _comms.Values;

    public int RemoveWhere(Func<ICommTarget, bool> match)
    {
        string[] ids = _comms.Values.Where(match).Select(c => c.CommId).ToArray();
        foreach (string id in ids)
            _comms.Remove(id);
        return ids.Length;
    }

    public ICommTarget? Find(string commId) => _comms.GetValueOrDefault(commId);

    /// <summary>The <c>comm_info_reply</c> table, optionally filtered by target name.</summary>
    public JsonObject Info(string? targetName)
    {
        var comms = new JsonObject();
        foreach (ICommTarget target in _comms.Values)
            if (targetName is null || target.TargetName == targetName)
                comms[target.CommId] = new JsonObject { ["target_name"] = target.TargetName };
        return comms;
    }
}
