namespace Solara.Orleans.Abstractions.Options;

/// <summary>A misconfiguration found at start-up; the message names the variable and the fix.</summary>
public sealed class SettingsException(string variable, string message) : Exception(message)
{
    public string Variable { get; } = variable;
}
