using System.Text.Json.Nodes;

namespace Solara.Orleans.Grains.State;

/// <summary>What the takeover of a kernel found, as <c>app-status</c> reports it in <c>lastRestore</c>.
/// <see cref="Status"/>: <c>none</c> (no backend, or not attempted), <c>success</c>, <c>miss</c>,
/// <c>fresh-schema</c>, <c>bailout</c>, <c>timeout</c>, <c>identity-mismatch</c> or <c>error</c>.</summary>
public sealed record LastRestore(string Status, string? FailedKey = null, string? Cause = null, int NFields = 0)
{
    public static LastRestore None { get; } = new("none");

    public JsonObject ToJson() => new()
    {
        ["status"] = Status,
        ["failedKey"] = FailedKey,
        ["cause"] = Cause,
        ["nFields"] = NFields,
    };
}
