using Solara.Orleans.Abstractions.Cluster;

namespace Solara.Orleans.Grains.Sessions;

/// <summary>What a kernel's silo asks of a session grain.</summary>
public enum SessionCallKind
{
    /// <summary>Count the kernel in (idempotent per kernel id, which also moves it to the caller's activation),
    /// unless the session is at <see cref="SessionCall.Max"/>; the reply carries the session's values.</summary>
    Admit,
    /// <summary>The kernel's activation closed: count it out, unless the kernel has been admitted again since by a newer activation.</summary>
    Release,
    /// <summary>Store <see cref="SessionCall.Value"/> under <see cref="SessionCall.Key"/> and push it to every kernel.</summary>
    Publish,
}

public enum SessionReplyStatus
{
    Ok,
    /// <summary>Admission refused: the session is at its limit.</summary>
    Refused,
    /// <summary>The addressed silo holds no activation of this session grain: re-resolve.</summary>
    NotHere,
}

/// <summary>One call to a session grain (the JSON body of <c>POST /_cluster/sessions/{hash}/call</c>).
/// <paramref name="SessionId"/> travels only in bodies: the grain needs it for the state identity.
/// <paramref name="Activation"/> is the kernel's activation id (its directory entry) and <paramref name="Silo"/> the silo
/// hosting it; <paramref name="Max"/> is the per-session kernel limit to enforce (0: not enforced).</summary>
public sealed record SessionCall(SessionCallKind Kind, string SessionId, string KernelId, string Activation, SiloAddress Silo, long Max = 0, string? Key = null, byte[]? Value = null);

/// <summary>Where a counted kernel lives: its silo and its activation.</summary>
public sealed record SessionKernel(SiloAddress Silo, string Activation);

/// <summary>The answer: the session's live kernel count and, for an admission, its values (field → encoded value).</summary>
public sealed record SessionReply(SessionReplyStatus Status, int KernelCount, IReadOnlyDictionary<string, byte[]>? Values = null)
{
    public static readonly SessionReply NotHere = new(SessionReplyStatus.NotHere, 0);
}

/// <summary>A value pushed by a session grain to kernels of one silo (<c>POST /_cluster/sessions/{hash}/deliver</c>).</summary>
public sealed record SessionDelivery(IReadOnlyList<string> KernelIds, string Key, byte[] Value);
