using Solara.Orleans.Grains.State;

namespace Solara.Orleans.Tests.State;

public sealed class BailoutStormValveTests
{
    [Fact]
    public void The_valve_stays_shut_until_the_window_holds_the_minimum_number_of_restores()
    {
        var valve = new BailoutStormValve(0.5);

        for (int i = 1; i < BailoutStormValve.MinimumSamples; i++)
            Assert.Null(valve.Record(bailedOut: true));

        Assert.False(valve.Open);
        Assert.True(valve.Record(bailedOut: true));
        Assert.True(valve.Open);
    }

    [Fact]
    public void The_valve_opens_above_the_threshold_and_closes_as_successes_slide_the_bailouts_out()
    {
        var valve = new BailoutStormValve(0.5, windowSize: 4, minimumSamples: 4);
        valve.Record(false);
        valve.Record(true);
        valve.Record(true);
        Assert.Null(valve.Record(false)); // 2 of 4 is not over 0.5

        Assert.True(valve.Record(true)); // window: true, true, false, true -> 3 of 4
        Assert.Equal((3, 4), valve.Snapshot());
        Assert.False(valve.Record(false)); // true, false, true, false -> 2 of 4: at, not over: it closes
        Assert.False(valve.Open);
        Assert.Null(valve.Record(false));
    }

    [Fact]
    public void A_threshold_of_one_never_opens()
    {
        var valve = new BailoutStormValve(1.0, windowSize: 2, minimumSamples: 1);

        Assert.Null(valve.Record(true));
        Assert.Null(valve.Record(true));
        Assert.False(valve.Open);
    }
}
