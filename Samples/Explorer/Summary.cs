using System.Globalization;
using System.Text;
using Solara.Rendering;
using static Solara.UI;

namespace Solara.Samples.Explorer;

/// <summary>What the selection holds: a table of the places one level down (or the city itself)
/// and a bar showing its share of the population listed one level up.</summary>
public static class Summary
{
    private sealed record Row(string Place, int Cities, long Population);

    public static Element View(Selection selection)
    {
        (string title, IEnumerable<Row> rows) = selection switch
        {
            { City: { } city } => ($"{city.Continent} › {city.Country} › {city.Name}", [RowOf(city.Name, [city])]),
            { Country: { } country } => ($"{selection.Continent} › {country}", Geography.CitiesIn(country).Select(c => RowOf(c.Name, [c]))),
            { Continent: { } continent } => (continent, Geography.CountriesIn(continent).Select(c => RowOf(c, Geography.CitiesIn(c)))),
            _ => ("World", Geography.Continents.Select(c => RowOf(c, Geography.Cities.Where(city => city.Continent == c)))),
        };
        (long part, long whole, string of) = Share(selection);
        double percent = 100.0 * part / whole;
        return Card(title,
            Markdown(Table(rows.OrderByDescending(r => r.Population).Take(10))),
            Text(string.Create(CultureInfo.InvariantCulture, $"{percent:0.0}% of the listed population of {of}")),
            ProgressLinear(percent));
    }

    private static Row RowOf(string place, IEnumerable<City> cities) =>
        new(place, cities.Count(), cities.Sum(c => c.Population));

    /// <summary>The selection's population and that of the place one level up.</summary>
    private static (long Part, long Whole, string Of) Share(Selection selection)
    {
        static long Sum(Func<City, bool> where) => Geography.Cities.Where(where).Sum(c => c.Population);
        return selection switch
        {
            { City: { } city } => (city.Population, Sum(c => c.Country == city.Country), city.Country),
            { Country: { } country } => (Sum(c => c.Country == country), Sum(c => c.Continent == selection.Continent), selection.Continent!),
            { Continent: { } continent } => (Sum(c => c.Continent == continent), Sum(_ => true), "the world"),
            _ => (Sum(_ => true), Sum(_ => true), "the world"),
        };
    }

    private static string Table(IEnumerable<Row> rows)
    {
        var table = new StringBuilder("| Place | Cities | Population |\n|---|--:|--:|\n");
        foreach (Row row in rows)
            table.Append(CultureInfo.InvariantCulture, $"| {row.Place} | {row.Cities} | {row.Population:N0} |\n");
        return table.ToString();
    }
}
