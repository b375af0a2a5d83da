namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>Locates files of the source tree from the test binaries' folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>Solara.Orleans.slnx</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string NodeTests => Path.Combine(Root, "Tests", "Node");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Solara.Orleans.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"no Solara.Orleans.slnx above {AppContext.BaseDirectory}");
    }
}
