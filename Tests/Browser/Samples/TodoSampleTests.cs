using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Solara.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Solara.Orleans.Tests.Browser.Samples;

/// <summary>The todo sample: adding, ticking and removing items, and its three pages reached by
/// links, by back/forward and by URL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TodoSampleTests(BrowserFixture browser)
{
    [Fact]
    public async Task Items_are_added_by_Enter_and_by_the_button_ticked_and_counted()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/todo");
        await Expect(page.Page.GetByText("Nothing to do yet: add something above.")).ToBeVisibleAsync();

        await AddByEnterAsync(page, "Buy milk");
        await AddByButtonAsync(page, "Walk the dog");
        await Expect(page.Page.GetByText("2 items left")).ToBeVisibleAsync();
        await Item(page, "Buy milk").CheckAsync();

        await Expect(page.Page.GetByText("1 item left")).ToBeVisibleAsync();
        await Expect(Item(page, "Buy milk")).ToBeCheckedAsync();
        await Expect(Item(page, "Walk the dog")).Not.ToBeCheckedAsync();
        await Expect(NewItemBox(page)).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Remove_takes_only_that_item_away()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/todo");
        await AddByEnterAsync(page, "First");
        await AddByEnterAsync(page, "Second");
        await Item(page, "Second").CheckAsync();
        await Expect(page.Page.GetByText("1 item left")).ToBeVisibleAsync();

        await page.Page.Locator(".solara-row").Filter(new LocatorFilterOptions { Has = Item(page, "First") })
            .GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove" }).ClickAsync();

        await Expect(Item(page, "First")).ToHaveCountAsync(0);
        await Expect(Item(page, "Second")).ToBeCheckedAsync();
        await Expect(page.Page.GetByText("0 items left")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Links_switch_pages_and_back_returns_to_the_previous_page()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);
        await page.OpenAppAsync("/todo");
        string kernelId = await page.KernelIdAsync();
        await AddByEnterAsync(page, "Buy milk");
        await AddByEnterAsync(page, "Walk the dog");
        await Item(page, "Buy milk").CheckAsync();
        await Expect(page.Page.GetByText("1 item left")).ToBeVisibleAsync();

        await Link(page, "Active").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex("/todo/active$"));
        await Expect(Heading(page, "Active")).ToBeVisibleAsync();
        await Expect(Item(page, "Walk the dog")).ToBeVisibleAsync();
        await Expect(Item(page, "Buy milk")).ToHaveCountAsync(0);

        await Link(page, "Done").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex("/todo/done$"));
        await Expect(Heading(page, "Done")).ToBeVisibleAsync();
        await Expect(Item(page, "Buy milk")).ToBeCheckedAsync();
        await Expect(Item(page, "Walk the dog")).ToHaveCountAsync(0);

        await page.Page.GoBackAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex("/todo/active$"));
        await Expect(Heading(page, "Active")).ToBeVisibleAsync();
        await Expect(Item(page, "Walk the dog")).ToBeVisibleAsync();
        await Expect(Item(page, "Buy milk")).ToHaveCountAsync(0);

        await page.Page.GoForwardAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex("/todo/done$"));
        await Expect(Heading(page, "Done")).ToBeVisibleAsync();

        await Link(page, "All").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex("/todo$"));
        await Expect(Item(page, "Buy milk")).ToBeCheckedAsync();
        await Expect(Item(page, "Walk the dog")).Not.ToBeCheckedAsync();
        Assert.Equal(kernelId, await page.KernelIdAsync());
    }

    [Fact]
    public async Task A_deep_link_to_todo_done_opens_the_Done_page()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using BrowserPage page = await browser.NewPageAsync(server.BaseUrl);

        await page.OpenAppAsync("/todo/done");

        await Expect(Heading(page, "Done")).ToBeVisibleAsync();
        await Expect(page.Page.GetByText("Nothing done yet.")).ToBeVisibleAsync();
        await AddByEnterAsync(page, "Already done", expectVisible: false);
        await Expect(page.Page.GetByText("1 item left")).ToBeVisibleAsync();
        await Expect(Item(page, "Already done")).ToHaveCountAsync(0);
        await Link(page, "All").ClickAsync();
        await Expect(Item(page, "Already done")).ToBeVisibleAsync();
    }

    private static ILocator NewItemBox(BrowserPage page) => page.Page.GetByPlaceholder("What needs doing?");

    private static ILocator Item(BrowserPage page, string text) =>
        page.Page.GetByRole(AriaRole.Checkbox, new PageGetByRoleOptions { Name = text, Exact = true });

    private static ILocator Link(BrowserPage page, string text) =>
        page.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = text, Exact = true });

    private static ILocator Heading(BrowserPage page, string text) =>
        page.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = text, Exact = true });

    private static async Task AddByEnterAsync(BrowserPage page, string text, bool expectVisible = true)
    {
        await NewItemBox(page).FillAsync(text);
        await NewItemBox(page).PressAsync("Enter");
        await Expect(NewItemBox(page)).ToHaveValueAsync("");
        if (expectVisible)
            await Expect(Item(page, text)).ToBeVisibleAsync();
    }

    private static async Task AddByButtonAsync(BrowserPage page, string text)
    {
        await NewItemBox(page).FillAsync(text);
        await page.Button("Add").ClickAsync();
        await Expect(Item(page, text)).ToBeVisibleAsync();
        await Expect(NewItemBox(page)).ToHaveValueAsync("");
    }
}
