namespace Solara.Orleans.Tests.Integration.Support;

/// <summary>Locates files of the source tree from the test binaries' folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding <c>Tests/Tests.csproj</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string NodeTests => Path.Combine(Root, "Tests", "Node");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Tests", "Tests.csproj")))
                return dir.FullName;
        throw new InvalidOperationException($"no Tests/Tests.csproj in any folder above {AppContext.BaseDirectory}");
    }
}
