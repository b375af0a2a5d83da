using System.Text.Json.Nodes;

namespace Solara.Widgets;

/// <summary>Dates and times as ipywidgets serialises them: JavaScript <c>Date</c> constructor
/// fields, months 0-based. <see cref="DateOnly"/> is <c>{year, month, date}</c>, <see cref="TimeOnly"/>
/// is <c>{hours, minutes, seconds, milliseconds}</c>, <see cref="DateTimeOffset"/> (the Datetime
/// widget) is all seven fields in UTC, and <see cref="DateTime"/> (NaiveDatetime) is all seven
/// fields as they are, without a time zone.</summary>
public static class TraitDates
{
    public static JsonObject ToJson(DateOnly date) => new()
    {
        ["year"] = date.Year,
        ["month"] = date.Month - 1,
        ["date"] = date.Day,
    };

    public static JsonObject ToJson(TimeOnly time) => new()
    {
        ["hours"] = time.Hour,
        ["minutes"] = time.Minute,
        ["seconds"] = time.Second,
        ["milliseconds"] = Milliseconds(time.Ticks),
    };

    public static JsonObject ToJson(DateTimeOffset instant) => ToJson(instant.UtcDateTime);

    public static JsonObject ToJson(DateTime naive) => new()
    {
        ["year"] = naive.Year,
        ["month"] = naive.Month - 1,
        ["date"] = naive.Day,
        ["hours"] = naive.Hour,
        ["minutes"] = naive.Minute,
        ["seconds"] = naive.Second,
        ["milliseconds"] = Milliseconds(naive.Ticks),
    };

    public static bool TryDate(JsonNode? node, out DateOnly? value)
    {
        value = null;
        if (node is null)
            return true;
        if (!TryDateFields(node, out int year, out int month, out int day))
            return false;
        value = new DateOnly(year, month, day);
        return true;
    }

    public static bool TryTime(JsonNode? node, out TimeOnly? value)
    {
        value = null;
        if (node is null)
            return true;
        if (!TryTimeTicks(node, out long ticks))
            return false;
        value = new TimeOnly(ticks);
        return true;
    }

    public static bool TryDatetime(JsonNode? node, out DateTimeOffset? value)
    {
        value = null;
        if (!TryNaiveDatetime(node, out DateTime? naive))
            return false;
        if (naive is DateTime utc)
            value = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return true;
    }

    public static bool TryNaiveDatetime(JsonNode? node, out DateTime? value)
    {
        value = null;
        if (node is null)
            return true;
        if (!TryDateFields(node, out int year, out int month, out int day) || !TryTimeTicks(node, out long ticks))
            return false;
        value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(ticks);
        return true;
    }

    private static bool TryDateFields(JsonNode node, out int year, out int month, out int day)
    {
        month = day = 0;
        if (node is not JsonObject obj
            || !TraitConvert.TryInt(obj["year"], out year) || !TraitConvert.TryInt(obj["month"], out int jsMonth)
            || !TraitConvert.TryInt(obj["date"], out day))
        {
            year = 0;
            return false;
        }
        month = jsMonth + 1;
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool TryTimeTicks(JsonNode node, out long ticks)
    {
        ticks = 0;
        if (node is not JsonObject obj
            || !TraitConvert.TryInt(obj["hours"], out int hours) || !TraitConvert.TryInt(obj["minutes"], out int minutes)
            || !TraitConvert.TryInt(obj["seconds"], out int seconds) || !TraitConvert.TryDouble(obj["milliseconds"], out double milliseconds))
            return false;
        if (hours is < 0 or > 23 || minutes is < 0 or > 59 || seconds is < 0 or > 59 || milliseconds is < 0 or >= 1000)
            return false;
        ticks = new TimeSpan(hours, minutes, seconds).Ticks + (long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond);
        return ticks < TimeSpan.TicksPerDay;
    }

    private static double Milliseconds(long ticks) => ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerMillisecond;
}
