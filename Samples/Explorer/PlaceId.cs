namespace Solara.Samples.Explorer;

public enum PlaceKind
{
    Continent,
    Country,
    City,
}

/// <summary>Names one place: a continent or a country by its name, a city by its id in the data.
/// It never embeds the places above it; those are looked up (<see cref="Geography.Resolve"/>).</summary>
public sealed record PlaceId(PlaceKind Kind, string Key)
{
    public static PlaceId Continent(string name) => new(PlaceKind.Continent, name);

    public static PlaceId Country(string name) => new(PlaceKind.Country, name);

    public static PlaceId City(int id) => new(PlaceKind.City, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
