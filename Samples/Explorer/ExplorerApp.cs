using Solara.Apps;
using Solara.Reactive;
using Solara.Rendering;
using static Solara.UI;

namespace Solara.Samples.Explorer;

/// <summary>Continent → country → city over a bundled table of cities. The whole state is one id:
/// the most specific place picked. The three selects show its parents, looked up from it, so they
/// can never disagree with it, and picking another continent leaves no stale country or city behind.</summary>
public sealed class ExplorerApp : SolaraApp
{
    /// <summary>The explorer's only state, and the only one persisted (when a state backend is on):
    /// the parents are derived from it, so a restore cannot be inconsistent.</summary>
    private static readonly Reactive<PlaceId?> Picked = new(null, key: "samples.explorer.picked");

    /// <summary>Derived from <see cref="Picked"/>, recomputed when it changes.</summary>
    private static readonly Computed<Selection> Current = new(() => Geography.Resolve(Picked.Value));

    public override string Name => "explorer";
    public override string Title => "Data explorer";
    public override string Description => "Dependent selections, continent → country → city, over a few hundred cities.";

    public override Element Render(RenderContext context) => Component.Of(Page);

    private static Element Page()
    {
        Selection selection = Current.Value;
        return Column(
            Markdown("## Data explorer"),
            Row(
                Select("Continent", Geography.Continents, selection.Continent, PickContinent),
                Select("Country", Geography.CountriesIn(selection.Continent), selection.Country,
                    country => PickCountry(selection, country), disabled: selection.Continent is null),
                Select("City", Geography.CitiesIn(selection.Country).Select(c => c.Name).ToArray(), selection.City?.Name,
                    city => PickCity(selection, city), disabled: selection.Country is null)),
            Component.Of(Summary.View, selection));
    }

    private static void PickContinent(string? continent) =>
        Picked.Value = continent is null ? null : PlaceId.Continent(continent);

    /// <summary>Clearing a select falls back to the place above it.</summary>
    private static void PickCountry(Selection selection, string? country) =>
        Picked.Value = country is not null ? PlaceId.Country(country)
            : selection.Continent is not null ? PlaceId.Continent(selection.Continent) : null;

    private static void PickCity(Selection selection, string? name) =>
        Picked.Value = Geography.CitiesIn(selection.Country).FirstOrDefault(c => c.Name == name) is { } city ? PlaceId.City(city.Id)
            : selection.Country is not null ? PlaceId.Country(selection.Country) : null;
}
