namespace Solara.Samples.Explorer;

/// <summary>One row of <c>cities.csv</c>. <see cref="Id"/> is stable and unique; names are unique only within a country.</summary>
public sealed record City(int Id, string Name, string Country, string Continent, long Population);
