using System.Text;
using System.Text.Json.Nodes;
using Solara.Orleans.Abstractions.State;
using Solara.Orleans.Grains.Kernels;
using Solara.Orleans.Grains.State;
using Solara.Orleans.Grains.State.Redis;
using Solara.Orleans.Grains.State.Resilience;

namespace Solara.Orleans.Grains.Hosting;

/// <summary>One kernel for the dashboard's drill-down: read on the kernel's turn (pages, widgets, queue,
/// restore outcome, dirty keys), then its persisted hash from the state backend (keys and sizes).</summary>
public static class KernelInspection
{
    public static async Task<JsonObject?> InspectAsync(KernelSilo silo, string kernelId, bool redact)
    {
        if (silo.Find(kernelId) is not { } kernel)
            return null;
        JsonObject view;
        try
        {
            view = await kernel.Mailbox.Call(() => OnTurn(silo, kernel, redact));
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
        view["persisted"] = await PersistedAsync(silo, kernel.KernelId, redact);
        return view;
    }

    private static JsonObject OnTurn(KernelSilo silo, KernelGrain kernel, bool redact)
    {
        DateTimeOffset now = silo.Services.Time.GetUtcNow();
        string Label(string id) => redact ? Redaction.Hash(id) : id;
        return new JsonObject
        {
            ["kernel"] = Label(kernel.KernelId),
            ["session"] = Label(kernel.SessionId),
            ["silo"] = silo.Address.ToString(),
            ["silo_status"] = silo.Status.ToString(),
            ["created_at"] = kernel.CreatedAt.ToString("O"),
            ["age_seconds"] = Math.Round((now - kernel.CreatedAt).TotalSeconds, 1),
            ["last_activity"] = kernel.LastActivity.ToString("O"),
            ["idle_seconds"] = Math.Round((now - kernel.LastActivity).TotalSeconds, 1),
            ["closed"] = kernel.IsClosed,
            ["pending_turns"] = kernel.Mailbox.Pending,
            ["widgets"] = kernel.Widgets.Count,
            ["messages_sent"] = kernel.Messenger.MessagesSent,
            ["pages"] = new JsonArray([.. kernel.Pages.Select(p => (JsonNode?)new JsonObject
            {
                ["page"] = Label(p.PageId),
                ["state"] = p.State.ToString().ToLowerInvariant(),
                ["sockets"] = p.Sockets.Count,
            })]),
            ["state"] = kernel.State is { } state
                ? new JsonObject
                {
                    ["generation"] = state.Generation,
                    ["last_restore"] = state.LastRestore.ToJson(),
                    ["dirty_keys"] = new JsonArray([.. state.DirtyKeys.Order(StringComparer.Ordinal).Select(k => (JsonNode?)(redact ? Redaction.Hash(k) : k))]),
                }
                : null,
        };
    }

    /// <summary>The kernel's backend hash: generation and every value field with its envelope size.</summary>
    private static async Task<JsonObject?> PersistedAsync(KernelSilo silo, string kernelId, bool redact)
    {
        IStateBackend? backend = silo.Services.State?.Backend;
        if (backend is ResilientStateBackend resilient)
            backend = resilient.Inner;
        IReadOnlyDictionary<string, byte[]>? hash;
        try
        {
            hash = backend switch
            {
                MemoryStateBackend memory => memory.ReadHash(kernelId),
                RedisStateBackend redis => await redis.ReadHashAsync(kernelId),
                _ => null,
            };
        }
        catch (Exception e)
        {
            return new JsonObject { ["error"] = $"{e.GetType().Name}: {e.Message}" };
        }
        if (backend is null)
            return null;
        if (hash is null)
            return new JsonObject { ["exists"] = false, ["keys"] = new JsonArray(), ["total_bytes"] = 0 };
        var keys = hash.Where(f => !StateHashFields.IsMeta(f.Key)).OrderByDescending(f => f.Value.Length).ThenBy(f => f.Key, StringComparer.Ordinal).ToArray();
        return new JsonObject
        {
            ["exists"] = true,
            ["generation"] = hash.TryGetValue(StateHashFields.Generation, out byte[]? g) && long.TryParse(Encoding.ASCII.GetString(g), out long generation) ? generation : null,
            ["keys"] = new JsonArray([.. keys.Select(f => (JsonNode?)new JsonObject
            {
                ["key"] = KeyLabel(f.Key, redact),
                ["bytes"] = f.Value.Length,
            })]),
            ["total_bytes"] = keys.Sum(f => (long)f.Value.Length),
        };
    }

    private static string KeyLabel(string field, bool redact)
    {
        string key = field.StartsWith(StateHashFields.ReactivePrefix, StringComparison.Ordinal) ? field[StateHashFields.ReactivePrefix.Length..] : field;
        return redact ? Redaction.Hash(key) : key;
    }
}
