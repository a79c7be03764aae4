using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Linkage;

namespace ReviewWorkflow.Engine.Tests.LinkageCheck;

/// <summary>Deaths for scoring tests, and the linkage settings of workflows/unexplained-death/v1.yaml.</summary>
public static class Subjects
{
    public static readonly LinkageSettings Default = new(5, 1095, 0.35, new Dictionary<string, double>
    {
        ["distance"] = 3, ["time"] = 2, ["substance"] = 2, ["profile"] = 1, ["markers"] = 1, ["sharedPerson"] = 4, ["namedInCircumstances"] = 2,
    });

    public static readonly DateTimeOffset Day0 = new(2014, 6, 19, 4, 5, 0, TimeSpan.Zero);

    public static LinkageSubject Death(
        double northMetres = 0, double days = 0, string[]? substances = null, string sex = "male", int? age = 23,
        string[]? markers = null, LinkageIdentifier[]? identifiers = null, double latitude = 51.5391, double longitude = 0.0837) =>
        new("UD-TEST", Day0.AddDays(days), latitude + northMetres / 111_195, longitude,
            SubstanceCatalog.Read(substances ?? ["GHB"]).Families, sex, age, markers ?? ["found-outdoors", "posed", "phone-missing"],
            identifiers ?? []);

    public static LinkageIdentifier Name(string name, string role = "finder", string person = "0") =>
        new(IdentifierKinds.Name, Folding.IdentifyingName(name)!, role, person, Folding.Label(name));

    public static LinkageIdentifier Phone(string e164, string role = "finder", string person = "0", string label = "M. H...") =>
        new(IdentifierKinds.Phone, e164, role, person, label);

    public static LinkageIdentifier Mention(string name) =>
        new(IdentifierKinds.Mention, Folding.IdentifyingName(name)!, "mention", "mention", Folding.Label(name));

    public static LinkageSettings With(string factor, double weight) =>
        Default with { Weights = new Dictionary<string, double>(Default.Weights) { [factor] = weight } };
}
