using Solara.Tools.WidgetGenerator;

namespace Solara.Orleans.Tests.Widgets;

public sealed class WidgetNamingTests
{
    [Theory]
    [InlineData("ButtonModel", "Button")]
    [InlineData("IntSliderModel", "IntSlider")]
    [InlineData("LayoutModel", "Layout")]
    [InlineData("ButtonStyleModel", "ButtonStyle")]
    [InlineData("HTMLModel", "Html")]
    [InlineData("HTMLMathModel", "HtmlMath")]
    [InlineData("HTMLMathStyleModel", "HtmlMathStyle")]
    [InlineData("DOMWidgetModel", "DomWidget")]
    [InlineData("NaiveDatetimeModel", "NaiveDatetime")]
    public void Class_name_is_the_model_name_without_Model_and_with_acronyms_as_words(string model, string className) =>
        Assert.Equal(className, WidgetNaming.ClassName(model));

    [Theory]
    [InlineData("description", "Description")]
    [InlineData("_dom_classes", "DomClasses")]
    [InlineData("_options_labels", "OptionsLabels")]
    [InlineData("description_allow_html", "DescriptionAllowHtml")]
    public void Property_name_is_the_trait_name_in_PascalCase_without_underscores(string trait, string property) =>
        Assert.Equal(property, WidgetNaming.PropertyName(trait));
}
