using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.Protocol;
using Solara.Orleans.Grains.Kernels;
using Solara.Widgets;

namespace Solara.Orleans.Grains.Comms;

/// <summary>The widgets open in one kernel. Opens comms (referenced widgets first, so the
/// browser can resolve every <c>IPY_MODEL_</c>), and sends each widget's changed traits once
/// at the end of a turn.</summary>
public sealed class WidgetComms(KernelMessenger messenger, CommRegistry comms) : IWidgetHost
{
    /// <summary>Emptied trait sets of flushed widgets kept for the next turn's changes: a few, so an
    /// idle kernel does not keep one per widget it ever re-rendered.</summary>
    private const int MaxSpareTraitSets = 4;

    private readonly Dictionary<string, Widget> _widgets = new(StringComparer.Ordinal);
    private readonly Dictionary<Widget, HashSet<string>> _dirty = [];
    private readonly List<Widget> _closing = [];
    private readonly Stack<HashSet<string>> _spareTraitSets = new();

    public KernelMessenger Messenger => messenger;

    public int Count => _widgets.Count;

    public IEnumerable<Widget> Widgets => _widgets.Values;

    public void TraitChanged(Widget widget, string trait)
    {
        if (!_dirty.TryGetValue(widget, out HashSet<string>? traits))
            _dirty[widget] = traits = _spareTraitSets.TryPop(out HashSet<string>? spare) ? spare : new HashSet<string>(StringComparer.Ordinal);
        traits.Add(trait);
    }

    public void Close(Widget widget)
    {
        if (widget.Host != this)
            return;
        Forget(widget);
        _closing.Add(widget);
    }

    /// <summary>Opens <paramref name="widget"/> and everything it refers to that is not open yet.</summary>
    public void Open(Widget widget, JsonObject? parent)
    {
        if (widget.Host == this)
            return;
        widget.Host = this;
        foreach (Widget reference in widget.References())
            Open(reference, parent);
        _widgets[widget.ModelId] = widget;
        comms.Add(new WidgetComm(widget, this));
        JsonObject state = widget.FullState();
        (JsonArray paths, List<ReadOnlyMemory<byte>> buffers) = BufferPaths.Extract(state);
        messenger.Send("iopub", "comm_open", new JsonObject
        {
            ["comm_id"] = widget.ModelId,
            ["target_name"] = WidgetComm.Target,
            ["data"] = new JsonObject { ["state"] = state, ["buffer_paths"] = paths },
        }, parent, new JsonObject { ["version"] = "2.1.0" }, buffers);
    }

    /// <summary>Sends every pending change: newly referenced widgets are opened first.</summary>
    public void Flush(JsonObject? parent)
    {
        while (_dirty.Count > 0)
        {
            KeyValuePair<Widget, HashSet<string>> entry = _dirty.First();
            _dirty.Remove(entry.Key);
            Widget widget = entry.Key;
            if (!_widgets.ContainsKey(widget.ModelId))
                continue;
            foreach (Widget reference in widget.References())
                Open(reference, parent);
            SendState(widget, entry.Value, "update", parent);
            if (_spareTraitSets.Count < MaxSpareTraitSets)
            {
                entry.Value.Clear();
                _spareTraitSets.Push(entry.Value);
            }
        }
        foreach (Widget widget in _closing)
            messenger.CommClose(widget.ModelId, parent);
        _closing.Clear();
    }

    public void SendState(Widget widget, IEnumerable<string> traits, string method, JsonObject? parent)
    {
        JsonObject state = widget.StateOf(traits);
        (JsonArray paths, List<ReadOnlyMemory<byte>> buffers) = BufferPaths.Extract(state);
        messenger.CommMessage(widget.ModelId, new JsonObject { ["method"] = method, ["state"] = state, ["buffer_paths"] = paths }, parent, buffers);
    }

    /// <summary>The <c>update_states</c> reply: every open widget's full state.</summary>
    public (JsonObject Data, List<ReadOnlyMemory<byte>> Buffers) AllStates()
    {
        var states = new JsonObject();
        foreach (Widget widget in _widgets.Values)
        {
            states[widget.ModelId] = new JsonObject
            {
                ["model_name"] = widget.ModelName,
                ["model_module"] = widget.ModelModule,
                ["model_module_version"] = widget.ModelModuleVersion,
                ["state"] = widget.FullState(),
            };
        }
        (JsonArray paths, List<ReadOnlyMemory<byte>> buffers) = BufferPaths.Extract(states);
        return (new JsonObject { ["method"] = "update_states", ["states"] = states, ["buffer_paths"] = paths }, buffers);
    }

    /// <summary>Closes every open widget (a fresh <c>run</c> replaces the whole tree).</summary>
    public void CloseAll(JsonObject? parent)
    {
        foreach (Widget widget in _widgets.Values.ToArray())
        {
            messenger.CommClose(widget.ModelId, parent);
            Forget(widget);
        }
    }

    /// <summary>The browser closed the widget's comm: drop it without sending anything.</summary>
    public void Forget(Widget widget)
    {
        _widgets.Remove(widget.ModelId);
        comms.Remove(widget.ModelId);
        _dirty.Remove(widget);
        widget.Host = null;
    }
}
