using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using static ReviewWorkflow.Engine.Tests.Evaluation.TestDefinitions;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

public sealed class FieldCodecParseTests
{
    private static readonly StepDefinition Report = TestDefinitions.UnexplainedDeath().FindStep("initial-report")!;

    private static StepDefinition StepWith(params FieldDefinition[] fields) => Step("step", fields: fields);

    private static (IReadOnlyDictionary<string, FieldValue> Values, IReadOnlyDictionary<string, string[]> Errors) Parse(StepDefinition step, string json) =>
        FieldCodec.Parse(step, ValidInput.Json(json));

    private static string ErrorFor(StepDefinition step, string json, string key)
    {
        var (_, errors) = Parse(step, json);
        return Assert.Single(errors[$"fields.{key}"]);
    }

    [Fact]
    public void ValidInitialReportParsesIntoTypedValues()
    {
        var (values, errors) = FieldCodec.Parse(Report, ValidInput.For("initial-report"));

        Assert.Empty(errors);
        Assert.Equal(new DateTimeValue(new DateTimeOffset(2024, 6, 1, 2, 50, 0, TimeSpan.Zero)), values["discoveredAt"]);
        Assert.Equal(new TextValue("Churchyard, Barking"), values["address"]);
        Assert.Equal(new PersonValue("A Walker", null, null, null, null), values["foundBy"]);
        Assert.Equal(new PersonValue("Anonymous caller", null, "07700900123", null, null), values["reportedBy"]);
        Assert.Equal(new ListValue(["PC 123 Smith"]), values["attendingOfficers"]);
        Assert.Equal(new BoolValue(true), values["scenePreserved"]);
        Assert.Equal(new BoolValue(false), values["noteFound"]);
    }

    [Fact]
    public void UnknownFieldIsNamed()
    {
        var step = StepWith(Field("address", FieldType.Text));

        var (_, errors) = Parse(step, """{"address":"1 High St","adress":"typo"}""");

        Assert.Equal(["unknown field 'adress'"], errors["fields.adress"]);
        Assert.Single(errors);
    }

    [Fact]
    public void MissingRequiredFieldsAreEachReported()
    {
        var (values, errors) = Parse(Report, "{}");

        Assert.Empty(values);
        Assert.Equal(8, errors.Count);
        Assert.All(errors.Values, e => Assert.Equal(["required"], e));
        Assert.Contains("fields.foundBy", errors.Keys);
    }

    [Theory]
    [InlineData("""{"a":null}""")]
    [InlineData("""{"a":""}""")]
    [InlineData("""{"a":"   "}""")]
    public void NullOrBlankRequiredTextCountsAsMissing(string json)
    {
        Assert.Equal("required", ErrorFor(StepWith(Field("a", FieldType.Text)), json, "a"));
    }

    [Fact]
    public void BlankOptionalTextIsSimplyNotGiven()
    {
        var (values, errors) = Parse(StepWith(Field("a", FieldType.Text, required: false)), """{"a":" "}""");

        Assert.Empty(errors);
        Assert.Empty(values);
    }

    [Fact]
    public void EmptyRequiredListCountsAsMissingButEmptyOptionalListIsAnAnswer()
    {
        Assert.Equal("required", ErrorFor(StepWith(Field("a", FieldType.List)), """{"a":[]}""", "a"));

        var (values, errors) = Parse(StepWith(Field("a", FieldType.List, required: false)), """{"a":[]}""");
        Assert.Empty(errors);
        Assert.Equal(new ListValue([]), values["a"]);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("1")]
    [InlineData("[true]")]
    public void BoolMustBeTrueOrFalse(string value)
    {
        Assert.Equal("must be true or false", ErrorFor(StepWith(Field("a", FieldType.Bool)), $$"""{"a":{{value}}}""", "a"));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("true")]
    [InlineData("{\"x\":1}")]
    public void TextMustBeText(string value)
    {
        Assert.Equal("must be text", ErrorFor(StepWith(Field("a", FieldType.Text)), $$"""{"a":{{value}}}""", "a"));
    }

    [Fact]
    public void TextShorterThanItsMinimumIsRefusedAfterTrimming()
    {
        var step = StepWith(Field("a", FieldType.Text, minLength: 10));

        Assert.Equal("must be at least 10 characters", ErrorFor(step, """{"a":"  too short  "}""", "a"));
        Assert.Equal(new TextValue("long enough"), Parse(step, """{"a":"  long enough "}""").Values["a"]);
    }

    [Theory]
    [InlineData("\"12\"")]
    [InlineData("true")]
    public void NumberMustBeANumber(string value)
    {
        Assert.Equal("must be a number", ErrorFor(StepWith(Field("a", FieldType.Number)), $$"""{"a":{{value}}}""", "a"));
    }

    [Fact]
    public void NumberKeepsItsDecimalValue()
    {
        Assert.Equal(new NumberValue(12.75m), Parse(StepWith(Field("a", FieldType.Number)), """{"a":12.75}""").Values["a"]);
    }

    [Theory]
    [InlineData("\"2024-06-01T07:30:00\"")]
    [InlineData("\"2024-06-01\"")]
    [InlineData("\"1 June 2024 07:30\"")]
    [InlineData("\"2024-13-01T07:30:00Z\"")]
    [InlineData("1717227000")]
    public void DateTimeMustCarryAnOffset(string value)
    {
        Assert.Equal("must be a date-time with offset, e.g. 2024-06-01T07:30:00Z",
            ErrorFor(StepWith(Field("a", FieldType.DateTime)), $$"""{"a":{{value}}}""", "a"));
    }

    [Fact]
    public void DateTimeKeepsTheOffsetItWasGivenIn()
    {
        var value = Parse(StepWith(Field("a", FieldType.DateTime)), """{"a":"2024-06-01T08:30:00+01:00"}""").Values["a"];

        var at = Assert.IsType<DateTimeValue>(value).Value;
        Assert.Equal(TimeSpan.FromHours(1), at.Offset);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 7, 30, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void ChoiceMustBeOneOfTheList()
    {
        var step = StepWith(Field("how", FieldType.Choice, choices: ["in-person", "phone", "other"]));

        Assert.Equal("must be one of: in-person, phone, other", ErrorFor(step, """{"how":"letter"}""", "how"));
        Assert.Equal("must be one of: in-person, phone, other", ErrorFor(step, """{"how":1}""", "how"));
    }

    [Fact]
    public void ChoiceIsStoredInTheDefinitionsSpelling()
    {
        var step = StepWith(Field("how", FieldType.Choice, choices: ["in-person", "phone"]));

        Assert.Equal(new ChoiceValue("phone"), Parse(step, """{"how":"Phone"}""").Values["how"]);
    }

    [Theory]
    [InlineData("\"A Walker\"")]
    [InlineData("{}")]
    [InlineData("{\"name\":\"  \"}")]
    [InlineData("{\"phone\":\"07700900123\"}")]
    public void PersonMustBeAnObjectWithANonEmptyName(string value)
    {
        Assert.Equal("must be a person: an object with a non-empty name",
            ErrorFor(StepWith(Field("p", FieldType.Person)), $$"""{"p":{{value}}}""", "p"));
    }

    [Fact]
    public void PersonWithAMisspeltPropertyIsRefused()
    {
        Assert.Equal("has no property 'phon' (a person has name, role, phone, email, username)",
            ErrorFor(StepWith(Field("p", FieldType.Person)), """{"p":{"name":"A","phon":"1"}}""", "p"));
    }

    [Fact]
    public void PersonPropertiesMustBeText()
    {
        Assert.Equal("phone must be text", ErrorFor(StepWith(Field("p", FieldType.Person)), """{"p":{"name":"A","phone":7700}}""", "p"));
    }

    [Fact]
    public void PersonKeepsEveryDetailGiven()
    {
        var (values, errors) = Parse(StepWith(Field("p", FieldType.Person)),
            """{"p":{"name":" A Walker ","role":"finder","phone":"07700900123","email":"a@example.org","username":"aw1"}}""");

        Assert.Empty(errors);
        Assert.Equal(new PersonValue("A Walker", "finder", "07700900123", "a@example.org", "aw1"), values["p"]);
    }

    [Fact]
    public void PersonDetailsLeftBlankAreRecordedAsAbsent()
    {
        var (values, _) = Parse(StepWith(Field("p", FieldType.Person)), """{"p":{"name":"A","phone":" ","email":null}}""");

        Assert.Equal(new PersonValue("A", null, null, null, null), values["p"]);
    }

    [Theory]
    [InlineData("\"PC Smith\"")]
    [InlineData("[\"PC Smith\", 3]")]
    [InlineData("[\"PC Smith\", \"\"]")]
    [InlineData("[[\"nested\"]]")]
    public void ListMustBeAnArrayOfText(string value)
    {
        Assert.Equal("must be a list of text, e.g. [\"a\", \"b\"]", ErrorFor(StepWith(Field("l", FieldType.List)), $$"""{"l":{{value}}}""", "l"));
    }

    [Fact]
    public void AllProblemsAreReportedTogether()
    {
        var step = StepWith(Field("a", FieldType.Bool), Field("b", FieldType.Text, minLength: 5), Field("c", FieldType.Text));

        var (values, errors) = Parse(step, """{"a":"yes","b":"abc","z":1}""");

        Assert.Empty(values.Keys.Intersect(["a", "b"]));
        Assert.Equal(["fields.a", "fields.b", "fields.c", "fields.z"], errors.Keys.Order());
    }

    [Fact]
    public void OnlyFieldsThatWereGivenAreReturned()
    {
        var step = StepWith(Field("a", FieldType.Text), Field("b", FieldType.Text, required: false));

        var (values, _) = Parse(step, """{"a":"given"}""");

        Assert.Equal(["a"], values.Keys);
    }
}
