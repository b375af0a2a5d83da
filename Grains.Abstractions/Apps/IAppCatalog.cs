namespace Solara.Orleans.Abstractions.Apps;

public interface IAppCatalog
{
    IReadOnlyList<AppDescriptor> Apps { get; }

    AppDescriptor? Find(string name);
}
