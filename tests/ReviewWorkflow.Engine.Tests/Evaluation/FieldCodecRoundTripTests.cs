using ReviewWorkflow.Engine.Evaluation;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

public sealed class FieldCodecRoundTripTests
{
    private static readonly DateTimeOffset LocalTime = new(2024, 6, 1, 8, 30, 15, 123, TimeSpan.FromHours(1));

    private static Dictionary<string, FieldValue> EveryType() => new()
    {
        ["yes"] = new BoolValue(true),
        ["no"] = new BoolValue(false),
        ["text"] = new TextValue("Churchyard wall, \"north\" side — 500 m from the flat\nsecond line"),
        ["empty"] = new TextValue(""),
        ["number"] = new NumberValue(12.50m),
        ["negative"] = new NumberValue(-0.000001m),
        ["big"] = new NumberValue(79228162514264337593543950335m),
        ["at"] = new DateTimeValue(LocalTime),
        ["choice"] = new ChoiceValue("in-person"),
        ["person"] = new PersonValue("A Walker", "finder", "07700900123", "a@example.org", "aw1"),
        ["anonymous"] = new PersonValue("Anonymous caller", null, null, null, null),
        ["list"] = new ListValue(["PC 1", "PC 2", "PC 1"]),
        ["none"] = new ListValue([]),
    };

    [Fact]
    public void EveryValueTypeSurvivesStorageExactly()
    {
        var original = EveryType();

        var read = FieldCodec.FromJson(FieldCodec.ToJson(original));

        Assert.Equal(original.Keys.Order(), read.Keys.Order());
        foreach (var (key, value) in original) Assert.Equal(value, read[key]);
    }

    [Fact]
    public void ChoiceAndTextStayDistinctAfterStorage()
    {
        var read = FieldCodec.FromJson(FieldCodec.ToJson(EveryType()));

        Assert.IsType<ChoiceValue>(read["choice"]);
        Assert.IsType<TextValue>(read["text"]);
    }

    [Fact]
    public void DateTimeKeepsItsOffsetAndPrecision()
    {
        var read = Assert.IsType<DateTimeValue>(FieldCodec.FromJson(FieldCodec.ToJson(EveryType()))["at"]).Value;

        Assert.Equal(LocalTime.Offset, read.Offset);
        Assert.Equal(LocalTime.Ticks, read.Ticks);
    }

    [Fact]
    public void NumberKeepsItsScale()
    {
        var read = Assert.IsType<NumberValue>(FieldCodec.FromJson(FieldCodec.ToJson(EveryType()))["number"]).Value;

        Assert.Equal("12.50", read.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void StoredFormTagsEachValueWithItsType()
    {
        var json = FieldCodec.ToJson(new Dictionary<string, FieldValue> { ["k"] = new BoolValue(true), ["c"] = new ChoiceValue("phone") });

        Assert.Equal("""{"k":{"t":"bool","v":true},"c":{"t":"choice","v":"phone"}}""", json);
    }

    [Fact]
    public void EmptyValuesRoundTripToAnEmptyObject()
    {
        Assert.Equal("{}", FieldCodec.ToJson(new Dictionary<string, FieldValue>()));
        Assert.Empty(FieldCodec.FromJson("{}"));
        Assert.Empty(FieldCodec.FromJson(""));
    }

    [Fact]
    public void ParsedClientInputSurvivesStorage()
    {
        var step = TestDefinitions.UnexplainedDeath().FindStep("initial-report")!;
        var (values, _) = FieldCodec.Parse(step, ValidInput.For("initial-report"));

        var read = FieldCodec.FromJson(FieldCodec.ToJson(values));

        foreach (var (key, value) in values) Assert.Equal(value, read[key]);
    }

    [Fact]
    public void UntaggedValuesAreReadByTheirShape()
    {
        var read = FieldCodec.FromJson("""
            {"b":true,"n":3.5,"s":"text","l":["a","b"],"p":{"name":"A","phone":"1"},"gone":null,"o":{"x":1}}
            """);

        Assert.Equal(new BoolValue(true), read["b"]);
        Assert.Equal(new NumberValue(3.5m), read["n"]);
        Assert.Equal(new TextValue("text"), read["s"]);
        Assert.Equal(new ListValue(["a", "b"]), read["l"]);
        Assert.Equal(new PersonValue("A", null, "1", null, null), read["p"]);
        Assert.False(read.ContainsKey("gone"));
        Assert.Equal(new TextValue("""{"x":1}"""), read["o"]);
    }

    [Fact]
    public void ValueThatDoesNotFitItsTagIsKeptRatherThanLost()
    {
        var read = FieldCodec.FromJson("""{"a":{"t":"bool","v":"yes"},"b":{"t":"shape-from-the-future","v":[1,2]}}""");

        Assert.Equal(new TextValue("yes"), read["a"]);
        Assert.Equal(new ListValue(["1", "2"]), read["b"]);
    }

    [Fact]
    public void ListsWithTheSameItemsAreEqual()
    {
        Assert.Equal(new ListValue(["a", "b"]), new ListValue(new List<string> { "a", "b" }));
        Assert.NotEqual(new ListValue(["a", "b"]), new ListValue(["b", "a"]));
        Assert.Equal(new ListValue(["a"]).GetHashCode(), new ListValue(new[] { "a" }).GetHashCode());
    }
}
