using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser.Samples;

/// <summary>The long task sample: the job runs in steps with visible progress, can be cancelled
/// part-way, and runs to its result when started again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongTaskSampleTests(BrowserFixture browser)
{
    [Fact]
    public async Task Start_shows_progress_Cancel_stops_it_and_a_restart_runs_to_the_result()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/long-task");

        await page.Button("Start").ClickAsync();
        int first = await StepAtLeastAsync(page, 1);
        int later = await StepAtLeastAsync(page, first + 1);
        await Expect(Bar(page)).ToHaveAttributeAsync("style", new Regex(@"width: *([1-9][0-9]*(\.[0-9]+)?)%"));
        await page.Button("Cancel").ClickAsync();

        ILocator cancelled = page.Page.GetByText(new Regex(@"Cancelled after step \d+ of 20\."));
        await Expect(cancelled).ToBeVisibleAsync();
        int stoppedAt = int.Parse(Regex.Match(await cancelled.InnerTextAsync(), @"step (\d+)").Groups[1].Value);
        Assert.InRange(stoppedAt, later, 19);
        await Expect(page.Button("Cancel")).ToHaveCountAsync(0);

        await page.Button("Start again").ClickAsync();

        await Expect(page.Page.GetByText("Done: there are 148,933 primes below 2,000,000.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(Bar(page)).ToHaveAttributeAsync("style", new Regex(@"width: *100%"));
        await Expect(page.Button("Start again")).ToBeVisibleAsync();
        await Expect(cancelled).ToHaveCountAsync(0);
    }

    /// <summary>Waits until the step shown is at least <paramref name="minimum"/> (the page's own
    /// polling, no sleeps) and returns it.</summary>
    private static async Task<int> StepAtLeastAsync(BrowserPage page, int minimum)
    {
        IJSHandle step = await page.Page.WaitForFunctionAsync(
            "min => { const m = document.body.innerText.match(/Step (\\d+) of 20/); return m !== null && Number(m[1]) >= min ? Number(m[1]) : false; }",
            minimum);
        return await step.JsonValueAsync<int>();
    }

    private static ILocator Bar(BrowserPage page) => page.Page.Locator(".progress-bar");
}
