using Solara.Persistence.Codecs;

namespace Solara.Orleans.Tests.State;

public enum Color
{
    Red,
    Green = 5,
    Blue,
}

[Flags]
public enum Access : ulong
{
    None = 0,
    Read = 1,
    Write = 2,
    Top = 1UL << 63,
}

public enum Tiny : byte
{
    A = 1,
    B = 200,
}

public sealed record Address(string Street, int Number);

public record User(string Name, int Age, Address? Home, IReadOnlyList<Address> Other, Color Favourite = Color.Red);

public record Team
{
    public string Name { get; init; } = "";

    public List<User> Members { get; init; } = [];

    public HashSet<string> Tags { get; init; } = [];
}

public readonly record struct Point(double X, double Y);

public abstract record Shape;

public sealed record Circle(double Radius) : Shape;

public sealed record Square(double Side) : Shape;

public sealed record Drawing(string Title, List<Shape> Shapes, Shape? Highlight);

public sealed record WithComputed(int A, int B)
{
    public int Sum => A + B;
}

public sealed record WithDefault(string Name, int Level = 3);

public sealed record Page<T>(List<T> Items, int Total);

public sealed record WithTuple(string Name, (int X, string Label) Position, List<(int, int)> Steps);

public sealed record WithNullables(int? Maybe, DateTime? When, Color? Tint, List<int?> Sparse);

public sealed record Scalars(
    bool Flag, byte B, sbyte SB, short S, ushort US, int I, uint UI, long L, ulong UL, float F, double D, decimal M, char C, string Text,
    System.Numerics.BigInteger Big, DateTime At, DateTimeOffset AtOffset, DateOnly Day, TimeOnly Time, TimeSpan Span, Guid Id, byte[] Blob, Access Rights, Tiny Small);

/// <summary>Not a record, but opted in as a data class.</summary>
[StateData]
public sealed class Preferences
{
    public string Theme { get; set; } = "light";

    public int FontSize { get; set; } = 12;
}

/// <summary>A plain class: never stored by json, never instantiated from stored data.</summary>
public sealed class PlainSettings
{
    public static int Constructed;

    public PlainSettings() => Interlocked.Increment(ref Constructed);

    public string Theme { get; set; } = "";
}

public sealed record HoldsPlain(PlainSettings Settings);

/// <summary>A record whose only constructor takes a parameter that matches no property.</summary>
public sealed record Opaque
{
    public Opaque(int seed) => Visible = seed * 2;

    public int Visible { get; }
}

public sealed record WithViews(
    IReadOnlyList<int> Numbers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Groups,
    ISet<Color> Colors,
    IEnumerable<Address> Places);

public sealed record WithImmutable(System.Collections.Immutable.ImmutableList<int> Items);
