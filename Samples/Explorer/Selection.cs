namespace Solara.Samples.Explorer;

/// <summary>The continent, country and city that a <see cref="PlaceId"/> stands for, each null
/// when nothing that specific is picked.</summary>
public sealed record Selection(string? Continent, string? Country, City? City)
{
    public static readonly Selection None = new(null, null, null);
}
