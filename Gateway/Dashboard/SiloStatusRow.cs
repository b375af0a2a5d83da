namespace Solara.Orleans.Gateway.Dashboard;

/// <summary>One silo as the dashboard judges it at one sample: membership status, whether its heartbeat is
/// past the lease (<see cref="Stale"/>), and whether it answered the report (<see cref="Reporting"/>).</summary>
public sealed record SiloStatusRow(string Address, string Status, bool Stale, bool Reporting)
{
    /// <summary>What an operator reads: <c>Active</c>, <c>Dead</c>, <c>Active (heartbeat stale)</c>, <c>Active (not reporting)</c>.</summary>
    public string Label => Status == "Active" && Stale ? "Active (heartbeat stale)"
        : Status == "Active" && !Reporting ? "Active (not reporting)"
        : Status;

    public bool Healthy => Status == "Active" && !Stale && Reporting;
}
