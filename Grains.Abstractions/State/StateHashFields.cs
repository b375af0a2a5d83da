namespace Solara.Orleans.Abstractions.State;

/// <summary>The field names of one kernel's backend hash (<c>{prefix}{kernel_id}</c>).</summary>
public static class StateHashFields
{
    /// <summary>The fencing epoch, as ASCII decimal (Redis <c>HINCRBY</c> form).</summary>
    public const string Generation = "__generation__";

    /// <summary>HMAC-SHA-256 of the owning session id under the primary secret; never the raw id.</summary>
    public const string SessionId = "__session_id__";

    /// <summary>The schema tag, UTF-8.</summary>
    public const string Version = "__version__";

    /// <summary>Prefix of each persisted value's field: <c>reactive:{key}</c>, holding a signed envelope.</summary>
    public const string ReactivePrefix = "reactive:";

    /// <summary>Whether <paramref name="field"/> is one of the backend's own fields (<c>__*</c>), which callers never write.</summary>
    public static bool IsMeta(string field) => field.StartsWith("__", StringComparison.Ordinal);
}
