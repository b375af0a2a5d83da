// Regenerates Solara/Widgets/Generated from the ipywidgets model schema:
//   dotnet run --project Tools/WidgetGenerator
// Needs Client/node_modules (any `dotnet build`, or `npm ci` in Client/). Files whose content is
// unchanged are left untouched; stale *.g.cs files are removed.
using Solara.Tools.WidgetGenerator;

string root;
try
{
    root = GeneratorPaths.FindRepositoryRoot(Directory.GetCurrentDirectory());
}
catch (DirectoryNotFoundException)
{
    root = GeneratorPaths.FindRepositoryRoot(AppContext.BaseDirectory);
}

string schemaPath = Path.Combine(root, GeneratorPaths.SchemaFile);
if (!File.Exists(schemaPath))
{
    Console.Error.WriteLine($"{schemaPath} is missing: run `npm ci` in Client/ (or `dotnet build`) first.");
    return 1;
}

IReadOnlyDictionary<string, string> files;
try
{
    files = WidgetCodeGenerator.Generate(File.ReadAllText(schemaPath));
}
catch (InvalidDataException e)
{
    Console.Error.WriteLine($"{schemaPath}: {e.Message}");
    return 1;
}

string output = Path.Combine(root, GeneratorPaths.OutputFolder);
Directory.CreateDirectory(output);
int written = 0, removed = 0;
foreach (string stale in Directory.GetFiles(output, "*.g.cs").Where(f => !files.ContainsKey(Path.GetFileName(f))))
{
    File.Delete(stale);
    removed++;
}
foreach ((string name, string content) in files)
{
    string path = Path.Combine(output, name);
    if (File.Exists(path) && File.ReadAllText(path) == content)
        continue;
    File.WriteAllText(path, content);
    written++;
}
Console.WriteLine($"{GeneratorPaths.OutputFolder}: {files.Count} files, {written} written, {files.Count - written} unchanged, {removed} removed");
return 0;
