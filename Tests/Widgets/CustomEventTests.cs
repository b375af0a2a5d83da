using System.Text.Json.Nodes;
using Solara.Widgets;

namespace Solara.Orleans.Tests.Widgets;

/// <summary><c>custom</c> messages ipywidgets views send: a button's click, a text box's submit
/// and a toggle-buttons click.</summary>
public sealed class CustomEventTests
{
    private static JsonObject Event(string name) => new() { ["event"] = name };

    [Fact]
    public void Button_click_runs_every_handler()
    {
        int clicks = 0, alsoClicked = 0;
        var button = new Button("Go").OnClick(() => clicks++);
        button.Click += () => alsoClicked++;

        Assert.True(button.ReceiveCustom(Event("click")));
        Assert.True(button.ReceiveCustom(Event("click")));

        Assert.Equal((2, 2), (clicks, alsoClicked));
        Assert.Equal("Go", button.Description);
    }

    [Fact]
    public void An_event_the_widget_does_not_know_is_not_handled()
    {
        int clicks = 0;
        var button = new Button("Go").OnClick(() => clicks++);

        Assert.False(button.ReceiveCustom(Event("dance")));
        Assert.False(new Textarea().ReceiveCustom(Event("submit")));

        Assert.Equal(0, clicks);
    }

    [Fact]
    public void Text_Password_and_Combobox_raise_Submit()
    {
        var submitted = new List<string>();
        var text = new Text();
        var password = new Password();
        var combobox = new Combobox();
        text.Submit += () => submitted.Add("text");
        password.Submit += () => submitted.Add("password");
        combobox.Submit += () => submitted.Add("combobox");

        Assert.True(text.ReceiveCustom(Event("submit")));
        Assert.True(password.ReceiveCustom(Event("submit")));
        Assert.True(combobox.ReceiveCustom(Event("submit")));

        Assert.Equal(["text", "password", "combobox"], submitted);
    }

    [Fact]
    public void ToggleButtons_click_is_understood()
    {
        int clicks = 0;
        var toggle = new ToggleButtons();
        toggle.Click += () => clicks++;

        Assert.True(toggle.ReceiveCustom(Event("click")));

        Assert.Equal(1, clicks);
    }
}
