namespace Solara.Orleans.Abstractions.Options;

/// <summary>Reads a <c>.env</c> file: <c>KEY=value</c> lines, <c>#</c> comments, optional
/// <c>export</c> prefix and quotes. Variables already in the environment win.</summary>
public static class DotEnvFile
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("export ", StringComparison.Ordinal))
                line = line["export ".Length..].TrimStart();
            int eq = line.IndexOf('=');
            if (eq <= 0)
                throw new SettingsException(path, $"{path}:{number} is not KEY=value: '{raw}'");
            string key = line[..eq].Trim();
            string value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
                value = value[1..^1];
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var hash and >= 0)
                value = value[..hash].TrimEnd();
            values[key] = value;
        }
        return values;
    }

    /// <summary>Copies the file's variables into the process environment where they are not set yet.</summary>
    public static void LoadInto(string path)
    {
        if (!File.Exists(path))
            return;
        foreach ((string key, string value) in Parse(File.ReadLines(path), path))
            if (Environment.GetEnvironmentVariable(key) is null)
                Environment.SetEnvironmentVariable(key, value);
    }
}
