namespace Solara.Tools.WidgetGenerator;

/// <summary>Where the generator reads and writes, relative to the repository root.</summary>
public static class GeneratorPaths
{
    /// <summary>The ipywidgets 8 model list (base, controls, output) in <c>@jupyter-widgets/schema</c>,
    /// pinned in <c>Client/package.json</c> and installed by the build's <c>npm ci</c>.</summary>
    public const string SchemaFile = "Client/node_modules/@jupyter-widgets/schema/jupyterwidgetmodels.latest.json";

    public const string OutputFolder = "Solara/Widgets/Generated";

    public const string RegenerateCommand = "dotnet run --project Tools/WidgetGenerator";

    private const string SolutionFile = "Solara.Orleans.sln";

    /// <summary>The nearest folder at or above <paramref name="start"/> holding the solution file.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (DirectoryInfo? dir = new(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        throw new DirectoryNotFoundException($"no {SolutionFile} at or above {start}; run the generator inside the repository");
    }
}
