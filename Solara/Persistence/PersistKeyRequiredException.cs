namespace Solara.Persistence;

/// <summary>Persistence was asked for without an explicit key where no stable key can be derived:
/// the value is created per call, per object or per iteration, and instances cannot share a key.
/// The message names the definition site and shows the per-instance fix.</summary>
public sealed class PersistKeyRequiredException : ArgumentException
{
    public PersistKeyRequiredException(string reason, CallerInfo site) : base(Compose(reason, site))
    {
        Reason = reason;
        Site = site;
    }

    /// <summary>Why no key could be derived.</summary>
    public string Reason { get; }

    public CallerInfo Site { get; }

    private static string Compose(string reason, CallerInfo site)
    {
        string location = site.FilePath.Length > 0 ? site.Location : "<unknown location>";
        if (SourceLine(site) is { } line)
            location += $": `{line}`";
        return string.Join('\n',
            $"persist requires an explicit key here: {reason}",
            $"Definition site: {location}",
            "Give each instance a unique key, e.g.: new Reactive<string>(\"\", persist: true, key: $\"user:{userId}:query\")",
            "NEVER use a constant key for reactives created per-instance - instances would overwrite each other's state.");
    }

    /// <summary>The trimmed source line of the definition site when the file is readable.</summary>
    private static string? SourceLine(CallerInfo site)
    {
        if (site.LineNumber < 1 || site.FilePath.Length == 0)
            return null;
        try
        {
            return File.Exists(site.FilePath)
                ? File.ReadLines(site.FilePath).Skip(site.LineNumber - 1).FirstOrDefault()?.Trim() is { Length: > 0 } line ? line : null
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
