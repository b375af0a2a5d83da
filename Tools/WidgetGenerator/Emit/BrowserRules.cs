using Solara.Tools.WidgetGenerator.Schema;

namespace Solara.Tools.WidgetGenerator.Emit;

/// <summary>The validation ipywidgets applies to values from the browser, per model (read from
/// the Python trait definitions: <c>widget_int.py</c>, <c>widget_float.py</c>, <c>widget_selection.py</c>,
/// <c>widget_selectioncontainer.py</c>, <c>widget_tagsinput.py</c>, <c>widget_date.py</c>,
/// <c>widget_datetime.py</c>, <c>widget_time.py</c>). Refusing stands for ipywidgets' TraitError.</summary>
internal static class BrowserRules
{
    /// <summary><c>value</c> is clamped into <c>[min, max]</c>; a <c>min</c> above <c>max</c> (or the
    /// reverse) is refused, and a new bound re-clamps the value.</summary>
    private static readonly string[] Bounded =
    [
        "IntSliderModel", "FloatSliderModel", "BoundedIntTextModel", "BoundedFloatTextModel",
        "IntProgressModel", "FloatProgressModel", "PlayModel",
        "DatePickerModel", "DatetimeModel", "NaiveDatetimeModel", "TimeModel",
    ];

    /// <summary>As <see cref="Bounded"/>, with the value in <c>[base^min, base^max]</c>.</summary>
    private static readonly string[] LogBounded = ["FloatLogSliderModel"];

    /// <summary><c>value</c> is a <c>(lower, upper)</c> pair: lower &gt; upper is refused, each end clamped.</summary>
    private static readonly string[] RangeBounded = ["IntRangeSliderModel", "FloatRangeSliderModel"];

    /// <summary><c>index</c> must point into <c>_options_labels</c> (or be null where the schema allows it).</summary>
    private static readonly string[] SingleSelection = ["DropdownModel", "RadioButtonsModel", "SelectModel", "ToggleButtonsModel", "SelectionSliderModel"];

    private static readonly string[] MultipleSelection = ["SelectMultipleModel"];

    private static readonly string[] RangeSelection = ["SelectionRangeSliderModel"];

    /// <summary><c>selected_index</c> must point into <c>children</c> or be null.</summary>
    private static readonly string[] SelectionContainers = ["AccordionModel", "TabModel", "StackModel"];

    /// <summary>No blank tags; every tag in <c>allowed_tags</c> when that is not empty.</summary>
    private static readonly string[] StringTags = ["TagsInputModel", "ColorsInputModel"];

    /// <summary>Every number in <c>allowed_tags</c> when that is not empty, and within the optional <c>min</c>/<c>max</c>.</summary>
    private static readonly string[] NumberTags = ["IntsInputModel", "FloatsInputModel"];

    /// <summary>The traits each group of rules reads, so a schema change cannot silently break them.</summary>
    private static readonly (string[] Models, string[] Traits)[] Needs =
    [
        (Bounded, ["value", "min", "max"]),
        (LogBounded, ["value", "min", "max", "base"]),
        (RangeBounded, ["value", "min", "max"]),
        (SingleSelection, ["index", "_options_labels"]),
        (MultipleSelection, ["index", "_options_labels"]),
        (RangeSelection, ["index", "_options_labels"]),
        (SelectionContainers, ["selected_index", "children"]),
        (StringTags, ["value", "allowed_tags"]),
        (NumberTags, ["value", "allowed_tags", "min", "max"]),
    ];

    /// <summary>Throws when a model or trait the rules name is missing from the schema.</summary>
    public static void Check(IReadOnlyList<ModelSpec> models)
    {
        foreach ((string[] names, string[] traits) in Needs)
        {
            foreach (string name in names)
            {
                ModelSpec model = models.FirstOrDefault(m => m.ModelName == name)
                    ?? throw new InvalidDataException($"BrowserRules names {name}, which the widget schema no longer has");
                foreach (string trait in traits)
                    if (model.Attribute(trait) is null)
                        throw new InvalidDataException($"BrowserRules needs {name}.{trait}, which the widget schema no longer has");
            }
        }
    }

    public static BrowserRule For(ModelSpec model, AttributeSpec attribute)
    {
        string name = model.ModelName;
        string trait = attribute.Name;
        if (attribute.IsIdentity || trait == "_options_labels")
            return BrowserRule.ReadOnly;
        if (Bounded.Contains(name))
            return BoundedRule(trait, optional: model.Attribute("value")!.AllowNone);
        if (LogBounded.Contains(name))
        {
            return trait switch
            {
                "value" => new(Store: "TraitBounds.ClampLog(v, Min, Max, Base)"),
                "min" => new(Refuse: "!TraitBounds.AreOrdered(v, Max)", After: "Value = TraitBounds.ClampLog(Value, v, Max, Base);"),
                "max" => new(Refuse: "!TraitBounds.AreOrdered(Min, v)", After: "Value = TraitBounds.ClampLog(Value, Min, v, Base);"),
                _ => BrowserRule.Plain,
            };
        }
        if (RangeBounded.Contains(name))
        {
            return trait switch
            {
                "value" => new(Refuse: "!TraitBounds.TryClampRange(v, Min, Max, out var clamped)", Store: "clamped"),
                "min" => new(Refuse: "!TraitBounds.AreOrdered(v, Max)", After: "Value = TraitBounds.ClampRange(Value, v, Max);"),
                "max" => new(Refuse: "!TraitBounds.AreOrdered(Min, v)", After: "Value = TraitBounds.ClampRange(Value, Min, v);"),
                _ => BrowserRule.Plain,
            };
        }
        if (trait == "index" && SingleSelection.Contains(name))
            return new(Refuse: attribute.AllowNone ? "!TraitChecks.IsIndexOrNull(v, OptionsLabels.Count)" : "!TraitChecks.IsIndex(v, OptionsLabels.Count)");
        if (trait == "index" && MultipleSelection.Contains(name))
            return new(Refuse: "!TraitChecks.AreIndices(v, OptionsLabels.Count)");
        if (trait == "index" && RangeSelection.Contains(name))
            return new(Refuse: "!TraitChecks.IsIndexPair(v, OptionsLabels.Count)");
        if (trait == "selected_index" && SelectionContainers.Contains(name))
            return new(Refuse: "!TraitChecks.IsIndexOrNull(v, Children.Count)");
        if (trait == "value" && StringTags.Contains(name))
            return new(Refuse: "!TraitChecks.HasNoBlankTags(v) || !TraitChecks.AreAllowedTags(v, AllowedTags)");
        if (trait == "value" && NumberTags.Contains(name))
            return new(Refuse: "!TraitChecks.AreAllowedTags(v, AllowedTags) || !TraitChecks.AreWithin(v, Min, Max)");
        return BrowserRule.Plain;
    }

    private static BrowserRule BoundedRule(string trait, bool optional)
    {
        string clamp = optional ? "TraitBounds.ClampOptional" : "TraitBounds.Clamp";
        string ordered = optional ? "TraitBounds.AreOrderedOptional" : "TraitBounds.AreOrdered";
        return trait switch
        {
            "value" => new(Store: $"{clamp}(v, Min, Max)"),
            "min" => new(Refuse: $"!{ordered}(v, Max)", After: $"Value = {clamp}(Value, v, Max);"),
            "max" => new(Refuse: $"!{ordered}(Min, v)", After: $"Value = {clamp}(Value, Min, v);"),
            _ => BrowserRule.Plain,
        };
    }
}
