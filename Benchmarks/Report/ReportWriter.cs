using System.Text.Json;
using System.Text.Json.Serialization;
using Solara.Orleans.Benchmarks.Suite;

namespace Solara.Orleans.Benchmarks.Report;

/// <summary>Writes a suite run to <c>results.json</c>, <c>report.md</c> and the SVG charts it embeds.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<string> WriteAsync(SuiteResults results, string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "results.json"), JsonSerializer.Serialize(results, Json));
        foreach ((string file, string svg) in Charts.Build(results))
            await File.WriteAllTextAsync(Path.Combine(folder, file), svg);
        string report = Path.Combine(folder, "report.md");
        await File.WriteAllTextAsync(report, MarkdownReport.Render(results));
        return report;
    }
}
