namespace Solara.Orleans.Abstractions.Kernels;

/// <summary>What <c>POST /_solara/api/evict/{kernel_id}</c> did (dev/test only).</summary>
public enum EvictOutcome
{
    /// <summary>Eviction is disabled (or in production mode), or the kernel is unknown: 404.</summary>
    NotFound,

    /// <summary>The caller's session does not own the kernel: 403.</summary>
    Forbidden,

    /// <summary>The kernel closed with reason <c>evicted</c> after flushing its state: 200.</summary>
    Evicted,
}
