using System.Text.Json.Nodes;
using Solara.Tools.WidgetGenerator.Schema;

namespace Solara.Tools.WidgetGenerator.Emit;

/// <summary>Maps a schema attribute to its <see cref="TraitShape"/>. The type mapping:
/// <list type="bullet">
/// <item>string → <c>string</c>, bool → <c>bool</c>, int → <c>int</c>, float → <c>double</c>; <c>?</c> when the schema allows null;
/// a string with <c>enum</c> stays a <c>string</c>, checked against the allowed values.</item>
/// <item>bytes → <c>byte[]</c> (sent as a frame buffer).</item>
/// <item>reference → the referenced model's class (<c>Layout</c>, <c>ButtonStyle</c>, ...), defaulting to a new instance like ipywidgets' InstanceDict.</item>
/// <item>array → <c>IReadOnlyList&lt;T&gt;</c> holding a value-equal <c>TraitList&lt;T&gt;</c>: widget references → <c>Widget</c>,
/// objects → <c>IReadOnlyDictionary&lt;string, object?&gt;</c>; untyped arrays take their element type from <see cref="ElementTypes"/>
/// (pairs such as a range slider's value are two-element lists).</item>
/// <item>Date → <c>DateOnly?</c>, Time → <c>TimeOnly?</c>, Datetime → <c>DateTimeOffset?</c> (<c>DateTime?</c> for the naive model).</item>
/// <item>a union of a number and keywords (a picker's <c>step</c>: <c>1</c> or <c>"any"</c>) → <c>object</c>.</item>
/// </list></summary>
internal static class TraitShapes
{
    /// <summary>Element types of arrays the schema leaves untyped, as ipywidgets declares them.</summary>
    private static readonly Dictionary<(string Model, string Trait), string> ElementTypes = new()
    {
        [("IntRangeSliderModel", "value")] = "int",
        [("FloatRangeSliderModel", "value")] = "float",
        [("SelectionRangeSliderModel", "index")] = "int",
        [("TagsInputModel", "value")] = "string",
        [("TagsInputModel", "allowed_tags")] = "string",
        [("ColorsInputModel", "value")] = "string",
        [("ColorsInputModel", "allowed_tags")] = "string",
        [("IntsInputModel", "value")] = "int",
        [("IntsInputModel", "allowed_tags")] = "int",
        [("FloatsInputModel", "value")] = "float",
        [("FloatsInputModel", "allowed_tags")] = "float",
        [("LinkModel", "source")] = WidgetTrait,
        [("LinkModel", "target")] = WidgetTrait,
        [("DirectionalLinkModel", "source")] = WidgetTrait,
        [("DirectionalLinkModel", "target")] = WidgetTrait,
    };

    /// <summary>A <c>(widget, trait name)</c> pair, as a link's ends are.</summary>
    private const string WidgetTrait = "widget-trait";

    /// <summary>Models whose Datetime traits carry no time zone.</summary>
    private static readonly HashSet<string> NaiveDatetimeModels = ["NaiveDatetimeModel"];

    public static TraitShape Resolve(ModelSpec model, AttributeSpec attribute, string className, Func<string, string?> classOfWidget)
    {
        string property = WidgetNaming.PropertyName(attribute.Name);
        string where = $"{className}.{property}";
        if (attribute.Types.Count > 1)
            return Union(attribute, property, where);
        return attribute.Type switch
        {
            "string" when attribute.Enum is { } values => Enum(attribute, values, property, where),
            "string" => Scalar(attribute, "string", "TraitConvert.TryString", "TraitConvert.TryNullableString", d => CSharpLiterals.String((string)d!), where),
            "bool" => Scalar(attribute, "bool", "TraitConvert.TryBool", "TraitConvert.TryNullableBool", d => CSharpLiterals.Bool((bool)d!), where),
            "int" => Scalar(attribute, "int", "TraitConvert.TryInt", "TraitConvert.TryNullableInt", d => CSharpLiterals.Int((long)d!), where),
            "float" => Scalar(attribute, "double", "TraitConvert.TryDouble", "TraitConvert.TryNullableDouble", d => CSharpLiterals.Double((double)d!), where),
            "bytes" => Bytes(attribute, where),
            "reference" => Reference(attribute, classOfWidget, where),
            "array" => List(model, attribute, where),
            "Date" => Temporal(attribute, "DateOnly", "TraitDates.TryDate", where),
            "Time" => Temporal(attribute, "TimeOnly", "TraitDates.TryTime", where),
            "Datetime" when NaiveDatetimeModels.Contains(model.ModelName) => Temporal(attribute, "DateTime", "TraitDates.TryNaiveDatetime", where),
            "Datetime" => Temporal(attribute, "DateTimeOffset", "TraitDates.TryDatetime", where),
            _ => throw Unsupported(attribute, where, $"type '{attribute.Type}' has no C# mapping"),
        };
    }

    private static TraitShape Scalar(AttributeSpec attribute, string type, string parse, string parseNullable, Func<JsonNode?, string> literal, string where)
    {
        bool reference = type == "string";
        if (attribute.AllowNone)
        {
            return new TraitShape
            {
                Type = type + "?",
                Default = attribute.Default is null ? "null" : literal(attribute.Default),
                Parse = $"{parseNullable}(value, out {type}? v)",
                SetterValue = "value",
            };
        }
        return new TraitShape
        {
            Type = type,
            Default = literal(attribute.Default ?? throw Unsupported(attribute, where, "its default is null but null is not allowed")),
            Parse = $"{parse}(value, out {type} v)",
            SetterValue = reference ? NotNull(where) : "value",
        };
    }

    private static TraitShape Enum(AttributeSpec attribute, IReadOnlyList<string> values, string property, string where)
    {
        string field = property + "Values";
        string? defaultValue = (string?)attribute.Default;
        if (defaultValue is not null && !values.Contains(defaultValue))
            throw Unsupported(attribute, where, $"its default '{defaultValue}' is not one of its enum values");
        if (defaultValue is null && !attribute.AllowNone)
            throw Unsupported(attribute, where, "its default is null but null is not allowed");
        string nullable = attribute.AllowNone ? "Nullable" : "";
        return new TraitShape
        {
            Type = attribute.AllowNone ? "string?" : "string",
            Default = defaultValue is null ? "null" : CSharpLiterals.String(defaultValue),
            Parse = $"TraitConvert.Try{nullable}Enum(value, {field}, out string{(attribute.AllowNone ? "?" : "")} v)",
            SetterValue = $"TraitChecks.{nullable}Enum(value, {field}, {CSharpLiterals.String(where)})",
            Fields = [$"private static readonly string[] {field} = [{string.Join(", ", values.Select(CSharpLiterals.String))}];"],
        };
    }

    private static TraitShape Union(AttributeSpec attribute, string property, string where)
    {
        // Only the shape ipywidgets uses: a number, or a keyword such as "any".
        AttributeSpec[] members = [.. attribute.UnionMembers];
        AttributeSpec? number = members.FirstOrDefault(m => m.Type is "int" or "float");
        AttributeSpec? keywords = members.FirstOrDefault(m => m.Type == "string" && m.Enum is not null);
        if (members.Length != 2 || number is null || keywords is null || attribute.AllowNone)
            throw Unsupported(attribute, where, $"the union {attribute.Type} is not 'a number or keywords'");
        bool integer = number.Type == "int";
        string field = property + "Keywords";
        string defaultValue = attribute.Default switch
        {
            JsonValue v when v.TryGetValue(out string? keyword) => CSharpLiterals.String(keyword),
            JsonValue v when integer => CSharpLiterals.Int((long)v),
            JsonValue v => CSharpLiterals.Double((double)v),
            _ => throw Unsupported(attribute, where, "its default is neither a number nor a keyword"),
        };
        string isInteger = CSharpLiterals.Bool(integer);
        return new TraitShape
        {
            Type = "object",
            Default = defaultValue,
            Parse = $"TraitConvert.TryNumberOrKeyword(value, integer: {isInteger}, {field}, out object v)",
            SetterValue = $"TraitChecks.NumberOrKeyword(value, integer: {isInteger}, {field}, {CSharpLiterals.String(where)})",
            Fields = [$"private static readonly string[] {field} = [{string.Join(", ", keywords.Enum!.Select(CSharpLiterals.String))}];"],
        };
    }

    private static TraitShape Bytes(AttributeSpec attribute, string where)
    {
        // The schema spells the empty default as Python's repr, "b''".
        if (attribute.AllowNone || (string?)attribute.Default != "b''")
            throw Unsupported(attribute, where, "only non-null bytes defaulting to b'' are supported");
        return new TraitShape
        {
            Type = "byte[]",
            Default = "Array.Empty<byte>()",
            Parse = "TraitConvert.TryBytes(value, out byte[] v)",
            SetterValue = NotNull(where),
        };
    }

    private static TraitShape Reference(AttributeSpec attribute, Func<string, string?> classOfWidget, string where)
    {
        string type = classOfWidget(attribute.Widget ?? "") ?? "Widget";
        string defaultValue = (string?)attribute.Default switch
        {
            "reference to new instance" => $"new {type}()",
            null when attribute.AllowNone => "null",
            var other => throw Unsupported(attribute, where, $"reference default '{other}' is not understood"),
        };
        return new TraitShape
        {
            Type = attribute.AllowNone ? type + "?" : type,
            Default = defaultValue,
            SetterValue = attribute.AllowNone ? "value" : NotNull(where),
        };
    }

    private static TraitShape List(ModelSpec model, AttributeSpec attribute, string where)
    {
        if (attribute.AllowNone)
            throw Unsupported(attribute, where, "nullable arrays are not supported");
        string element = attribute.Items switch
        {
            { Type: "reference" } => "reference",
            { } items => items.Type,
            null => ElementTypes.GetValueOrDefault((model.ModelName, attribute.Name))
                ?? throw Unsupported(attribute, where, $"the array's element type is not in the schema; add ({model.ModelName}, {attribute.Name}) to TraitShapes.ElementTypes"),
        };
        (string type, string? parser, Func<JsonNode?, string>? literal) = element switch
        {
            "string" => new Element("string", "TraitConvert.TryString", d => CSharpLiterals.String((string)d!)),
            "int" => new Element("int", "TraitConvert.TryInt", d => CSharpLiterals.Int((long)d!)),
            "float" => new Element("double", "TraitConvert.TryDouble", d => CSharpLiterals.Double((double)d!)),
            "object" => new Element("IReadOnlyDictionary<string, object?>", "TraitConvert.TryObject", null),
            "reference" => new Element("Widget", null, null),
            WidgetTrait => new Element("object?", null, null),
            _ => throw Unsupported(attribute, where, $"arrays of '{element}' have no C# mapping"),
        };
        if (attribute.Default is not JsonArray defaults)
            throw Unsupported(attribute, where, "an array's default must be a list");
        if (defaults.Count > 0 && literal is null)
            throw Unsupported(attribute, where, $"a non-empty default list of '{element}' is not supported");
        return new TraitShape
        {
            Type = $"IReadOnlyList<{type}>",
            Default = defaults.Count == 0
                ? $"TraitList<{type}>.Empty"
                : $"TraitList.Create<{type}>({string.Join(", ", defaults.Select(literal!))})",
            Parse = parser is null ? null : $"TraitConvert.TryList<{type}>(value, {parser}, out IReadOnlyList<{type}> v)",
            SetterValue = "TraitList.From(value)",
        };
    }

    private static TraitShape Temporal(AttributeSpec attribute, string type, string parser, string where)
    {
        if (!attribute.AllowNone || attribute.Default is not null)
            throw Unsupported(attribute, where, "only nullable dates and times defaulting to null are supported");
        return new TraitShape
        {
            Type = type + "?",
            Default = "null",
            Parse = $"{parser}(value, out {type}? v)",
            SetterValue = "value",
        };
    }

    /// <summary>A list element: its C# type, its browser reader (null: kernel-owned) and its literal.</summary>
    private sealed record Element(string Type, string? Parser, Func<JsonNode?, string>? Literal);

    private static string NotNull(string where) =>
        $"value ?? throw new ArgumentNullException(nameof(value), {CSharpLiterals.String(where + " cannot be null")})";

    private static InvalidDataException Unsupported(AttributeSpec attribute, string where, string why) =>
        new($"cannot generate {where} (trait '{attribute.Name}', schema type {attribute.Type}): {why}");
}
