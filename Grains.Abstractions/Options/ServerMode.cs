namespace Solara.Orleans.Abstractions.Options;

public enum ServerMode
{
    Development,
    Production,
}
