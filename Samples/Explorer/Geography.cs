using System.Globalization;

namespace Solara.Samples.Explorer;

/// <summary>The bundled city table (<c>cities.csv</c>, an embedded resource) and the lookups the
/// explorer needs: children of a place to fill a select, and the parents of a place to show what is picked.</summary>
public static class Geography
{
    private static readonly Lazy<Data> Loaded = new(Load);

    public static IReadOnlyList<City> Cities => Loaded.Value.Cities;

    public static IReadOnlyList<string> Continents => Loaded.Value.Continents;

    public static IReadOnlyList<string> CountriesIn(string? continent) =>
        continent is not null && Loaded.Value.Countries.TryGetValue(continent, out List<string>? countries) ? countries : [];

    /// <summary>The cities of a country, most populous first.</summary>
    public static IReadOnlyList<City> CitiesIn(string? country) =>
        country is not null && Loaded.Value.CitiesByCountry.TryGetValue(country, out List<City>? cities) ? cities : [];

    /// <summary>Looks the parents of <paramref name="id"/> up. An id the data does not hold (renamed,
    /// removed) resolves to nothing picked rather than to a half-valid selection.</summary>
    public static Selection Resolve(PlaceId? id)
    {
        Data data = Loaded.Value;
        switch (id?.Kind)
        {
            case PlaceKind.Continent when data.Countries.ContainsKey(id.Key):
                return new Selection(id.Key, null, null);
            case PlaceKind.Country when data.ContinentOf.TryGetValue(id.Key, out string? continent):
                return new Selection(continent, id.Key, null);
            case PlaceKind.City when int.TryParse(id.Key, CultureInfo.InvariantCulture, out int cityId) && data.CitiesById.TryGetValue(cityId, out City? city):
                return new Selection(city.Continent, city.Country, city);
            default:
                return Selection.None;
        }
    }

    private sealed record Data(
        IReadOnlyList<City> Cities,
        IReadOnlyList<string> Continents,
        Dictionary<string, List<string>> Countries,
        Dictionary<string, string> ContinentOf,
        Dictionary<string, List<City>> CitiesByCountry,
        Dictionary<int, City> CitiesById);

    private static Data Load()
    {
        List<City> cities = Parse(ReadResource("cities.csv"));
        var countries = cities.GroupBy(c => c.Continent).ToDictionary(g => g.Key, g => g.Select(c => c.Country).Distinct().Order().ToList());
        var continentOf = new Dictionary<string, string>();
        foreach (City city in cities)
        {
            if (continentOf.TryGetValue(city.Country, out string? known) && known != city.Continent)
                throw new InvalidDataException($"cities.csv: {city.Country} is listed in both {known} and {city.Continent} (row id {city.Id})");
            continentOf[city.Country] = city.Continent;
        }
        var byCountry = cities.GroupBy(c => c.Country).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Population).ToList());
        foreach ((string country, List<City> inCountry) in byCountry)
            if (inCountry.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
                throw new InvalidDataException($"cities.csv: {country} lists {duplicate.Key} twice; a city's name must be unique within its country");
        return new Data(cities, [.. countries.Keys.Order()], countries, continentOf, byCountry, cities.ToDictionary(c => c.Id));
    }

    /// <summary>Rows of <c>id,city,country,continent,population</c>; <c>#</c> lines are comments.</summary>
    private static List<City> Parse(string csv)
    {
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Where(l => !l.StartsWith('#')).Skip(1).Select((line, i) =>
        {
            string[] f = line.Split(',');
            if (f.Length != 5 || !int.TryParse(f[0], CultureInfo.InvariantCulture, out int id) || !long.TryParse(f[4], CultureInfo.InvariantCulture, out long population))
                throw new InvalidDataException($"cities.csv data row {i + 1} is not 'id,city,country,continent,population': {line}");
            return new City(id, f[1], f[2], f[3], population);
        }).ToList();
    }

    private static string ReadResource(string name)
    {
        using Stream stream = typeof(Geography).Assembly.GetManifestResourceStream($"{typeof(Geography).Namespace}.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded in {typeof(Geography).Assembly.GetName().Name}; check the EmbeddedResource item in Samples.csproj");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
