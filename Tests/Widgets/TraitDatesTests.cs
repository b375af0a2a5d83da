using System.Text.Json.Nodes;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary>Dates and times travel as JavaScript <c>Date</c> fields (months from 0), like ipywidgets' serializers.</summary>
public sealed class TraitDatesTests
{
    [Fact]
    public void A_date_is_sent_with_a_zero_based_month_and_read_back_the_same()
    {
        var picker = new DatePicker { Value = new DateOnly(2024, 2, 29) };

        JsonNode sent = picker.StateOf(["value"])["value"]!;

        Assert.Equal("""{"year":2024,"month":1,"date":29}""", sent.ToJsonString());
        Assert.True(TraitDates.TryDate(sent, out DateOnly? back));
        Assert.Equal(new DateOnly(2024, 2, 29), back);
    }

    [Fact]
    public void A_datetime_is_sent_in_UTC_and_a_naive_datetime_as_it_is()
    {
        var aware = new Datetime { Value = new DateTimeOffset(2024, 1, 1, 1, 30, 0, TimeSpan.FromHours(2)) };
        var naive = new NaiveDatetime { Value = new DateTime(2024, 1, 1, 1, 30, 0) };

        Assert.Equal("""{"year":2023,"month":11,"date":31,"hours":23,"minutes":30,"seconds":0,"milliseconds":0}""", aware.StateOf(["value"])["value"]!.ToJsonString());
        Assert.Equal("""{"year":2024,"month":0,"date":1,"hours":1,"minutes":30,"seconds":0,"milliseconds":0}""", naive.StateOf(["value"])["value"]!.ToJsonString());
    }

    [Fact]
    public void A_time_from_the_browser_is_read_and_an_impossible_one_refused()
    {
        var time = new Time();

        Assert.True(time.ApplyFromBrowser("value", JsonNode.Parse("""{"hours": 13, "minutes": 5, "seconds": 9, "milliseconds": 250}""")));
        Assert.False(time.ApplyFromBrowser("value", JsonNode.Parse("""{"hours": 24, "minutes": 0, "seconds": 0, "milliseconds": 0}""")));
        Assert.False(time.ApplyFromBrowser("value", JsonNode.Parse("\"13:05\"")));

        Assert.Equal(new TimeOnly(13, 5, 9, 250), time.Value);
    }

    [Fact]
    public void A_date_that_does_not_exist_is_refused()
    {
        var picker = new DatePicker();

        Assert.False(picker.ApplyFromBrowser("value", JsonNode.Parse("""{"year": 2023, "month": 1, "date": 29}""")));

        Assert.Null(picker.Value);
    }
}
