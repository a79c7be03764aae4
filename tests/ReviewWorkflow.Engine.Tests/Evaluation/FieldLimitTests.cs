using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Tests.Definitions;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestDefinitions;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>Every field has a most it takes (text 10,000 characters, lists 100 entries of 500), overridable in the definition; and no field takes control characters or broken Unicode.</summary>
public sealed class FieldLimitTests
{
    private static string? ErrorFor(FieldDefinition field, string json)
    {
        var (_, errors) = FieldCodec.Parse(Step("step", fields: [field]), ValidInput.Json($$"""{"{{field.Key}}":{{json}}}"""));
        return errors.TryGetValue($"fields.{field.Key}", out var e) ? Assert.Single(e) : null;
    }

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [Fact]
    public void TextTakesTenThousandCharactersByDefaultAndNoMore()
    {
        var text = Field("notes", FieldType.Text);
        Assert.Null(ErrorFor(text, Quoted(new string('a', 10_000))));
        Assert.Equal("must be at most 10,000 characters", ErrorFor(text, Quoted(new string('a', 10_001))));
        Assert.Equal("must be at most 10,000 characters", ErrorFor(text, Quoted(new string('a', 900_000))));
    }

    [Fact]
    public void ListsTakeAHundredEntriesOfFiveHundredCharactersByDefault()
    {
        var list = Field("officers", FieldType.List);
        string Entries(int n, int length) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => Quoted(i + new string('x', length)))) + "]";
        Assert.Null(ErrorFor(list, Entries(100, 10)));
        Assert.Equal("must have at most 100 entries", ErrorFor(list, Entries(101, 10)));
        Assert.Null(ErrorFor(list, Quoted(new string('x', 500)).Insert(0, "[") + "]"));
        Assert.Equal("entry 1 must be at most 500 characters", ErrorFor(list, "[" + Quoted(new string('x', 501)) + "]"));
    }

    [Fact]
    public void PersonsAndUsersTakeFiveHundredCharactersAPart()
    {
        Assert.Equal("name must be at most 500 characters", ErrorFor(Field("who", FieldType.Person), $$"""{"name":{{Quoted(new string('n', 501))}}}"""));
        Assert.Equal("must be at most 500 characters", ErrorFor(Field("liaison", FieldType.User), Quoted(new string('u', 501))));
    }

    [Fact]
    public void TheDefinitionSetsItsOwnLimits()
    {
        var definition = Minimal.Valid(Minimal.With(("- { key: noteFound, type: bool, required: true }",
            "- { key: noteFound, type: bool, required: true }\n      - { key: summary, type: text, maxLength: 20 }\n      - { key: seen, type: list, maxLength: 5, maxItems: 2 }")));
        var step = definition.FindStep("report")!;
        Assert.Equal("must be at most 20 characters", ErrorFor(step.FindField("summary")!, Quoted(new string('s', 21))));
        Assert.Null(ErrorFor(step.FindField("summary")!, Quoted(new string('s', 20))));
        Assert.Equal("must have at most 2 entries", ErrorFor(step.FindField("seen")!, """["a","b","c"]"""));
        Assert.Equal("entry 2 must be at most 5 characters", ErrorFor(step.FindField("seen")!, """["a","bbbbbb"]"""));
    }

    [Theory]
    [InlineData("type: bool, required: true }", "type: bool, required: true, maxLength: 3 }", "test.yaml:10: steps[0].fields[0].maxLength: maxLength is only for text and list fields")]
    [InlineData("type: bool, required: true }", "type: text, required: true, maxItems: 3 }", "test.yaml:10: steps[0].fields[0].maxItems: maxItems is only for list fields")]
    [InlineData("type: bool, required: true }", "type: list, required: true, maxItems: 0 }", "test.yaml:10: steps[0].fields[0].maxItems: must be between 1 and 1,000, found 0")]
    [InlineData("type: bool, required: true }", "type: text, required: true, maxLength: 200000 }", "test.yaml:10: steps[0].fields[0].maxLength: must be between 1 and 100,000, found 200000")]
    [InlineData("type: bool, required: true }", "type: text, required: true, minLength: 20, maxLength: 10 }", "test.yaml:10: steps[0].fields[0].maxLength: must not be less than minLength (20)")]
    [InlineData("type: bool, required: true }", "type: text, required: true, maxLength: many }", "test.yaml:10: steps[0].fields[0].maxLength: 'many' is not a whole number")]
    [InlineData("type: bool, required: true }", "type: text, required: true, persons: true }", "test.yaml:10: steps[0].fields[0].persons: persons is only for list fields")]
    public void AWrongLimitIsReportedWhereItIs(string old, string replacement, string expected)
    {
        Assert.Equal([expected], Minimal.Errors(Minimal.With((old, replacement))));
    }

    [Theory]
    [InlineData("\"a\\u0000b\"", "must not contain control characters (U+0000 at position 2)")]
    [InlineData("\"bell\\u0007\"", "must not contain control characters (U+0007 at position 5)")]
    [InlineData("\"esc\\u001b[31m\"", "must not contain control characters (U+001B at position 4)")]
    [InlineData("\"half \\ud800 pair\"", "must not contain a lone surrogate; send valid Unicode")]
    [InlineData("\"\\udc00\"", "must not contain a lone surrogate; send valid Unicode")]
    public void ControlCharactersAndLoneSurrogatesAreRefusedInEveryKindOfText(string json, string expected)
    {
        Assert.Equal(expected, ErrorFor(Field("notes", FieldType.Text), json));
        Assert.Equal("entry 1 " + expected, ErrorFor(Field("seen", FieldType.List), $"[{json}]"));
        Assert.Equal("name " + expected, ErrorFor(Field("who", FieldType.Person), $$"""{"name":{{json}}}"""));
        Assert.Equal(expected, ErrorFor(Field("liaison", FieldType.User), json));
    }

    [Fact]
    public void TabsLineBreaksAndWholeSurrogatePairsAreText()
    {
        Assert.Null(ErrorFor(Field("notes", FieldType.Text), "\"line one\\r\\nline two\\tend \\ud83d\\ude00\""));
    }
}
