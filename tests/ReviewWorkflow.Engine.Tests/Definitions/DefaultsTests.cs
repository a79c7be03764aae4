using ReviewWorkflow.Engine.Definitions;

namespace ReviewWorkflow.Engine.Tests.Definitions;

public sealed class DefaultsTests
{
    [Fact]
    public void UnstatedSettingsTakeTheirDocumentedDefaults()
    {
        var definition = Minimal.Valid(Minimal.Yaml);
        var report = definition.FindStep("report")!;
        var family = definition.FindStep("family")!;

        Assert.Equal("report", report.Title);
        Assert.Equal("officer", report.Role);
        Assert.Equal(0, report.RationaleMinLength);
        Assert.Null(report.Escalation);
        Assert.Null(report.When);
        Assert.Empty(report.After);
        Assert.Equal(6, report.Line);
        Assert.Null(family.Due);
        Assert.Equal(DecisionPurpose.None, family.Decides);
        Assert.Empty(definition.Escalation);

        var how = report.FindField("how")!;
        Assert.Equal(("how", false, 0), (how.Label, how.Required, how.MinLength));
        Assert.Equal(["phone", "in-person"], how.Choices);
    }

    [Fact]
    public void SignOffWithoutARoleIsASupervisors()
    {
        var definition = Minimal.Valid(Minimal.With(("    role: supervisor\n", "")));

        Assert.Equal("supervisor", definition.FindStep("review")!.Role);
    }

    [Fact]
    public void RolesDefaultToTheThreeCaseworkRoles()
    {
        var definition = Minimal.Valid(Minimal.With(("roles: [officer, supervisor]\n", "")));

        Assert.Equal(["officer", "supervisor", "inspector"], definition.Roles);
    }

    [Fact]
    public void UnlistedLinkageFactorsWeighNothing()
    {
        var weights = Minimal.Valid(Minimal.Yaml).FindStep("linkage")!.Linkage!.Weights;

        Assert.Equal(1, weights["distance"]);
        Assert.Equal(0, weights["sharedPerson"]);
        Assert.Equal(7, weights.Count);
    }

    [Fact]
    public void BlockAndFlowMappingsMeanTheSame()
    {
        var block = Minimal.Valid(Minimal.With((
            """
                  - { key: noteFound, type: bool, required: true }
                  - { key: how, type: choice, choices: [phone, in-person] }
            """,
            """
                  - key: noteFound
                    type: bool
                    required: true
                  - key: how
                    type: choice
                    choices:
                      - phone
                      - in-person
            """)));
        var flow = Minimal.Valid(Minimal.Yaml);

        static object Shape(FieldDefinition f) => (f.Key, f.Label, f.Type, f.Required, string.Join("|", f.Choices), f.MinLength);
        Assert.Equal(flow.FindStep("report")!.Fields.Select(Shape), block.FindStep("report")!.Fields.Select(Shape));
    }

    [Fact]
    public void AStepLadderOverridesTheDefaultAndNumbersItsRungsByPosition()
    {
        var definition = Minimal.Valid(Minimal.With(
            ("steps:\n", "escalation:\n  - { after: PT0H, notify: assignee }\nsteps:\n"),
            ("    due: PT4H\n", "    due: PT4H\n    escalation:\n      - { after: PT1H, notify: supervisor }\n      - { after: P1DT12H, notify: inspector }\n")));
        var report = definition.FindStep("report")!;

        Assert.Equal(
            [new EscalationRung(1, TimeSpan.FromHours(1), "supervisor"), new EscalationRung(2, TimeSpan.FromHours(36), "inspector")],
            definition.LadderFor(report));
        Assert.Equal([new EscalationRung(1, TimeSpan.Zero, "assignee")], definition.LadderFor(definition.FindStep("linkage")!));
    }

    [Theory]
    [InlineData("PT4H", 4 * 60)]
    [InlineData("PT90M", 90)]
    [InlineData("P7D", 7 * 24 * 60)]
    [InlineData("P2W", 14 * 24 * 60)]
    [InlineData("P1DT30M", 24 * 60 + 30)]
    [InlineData("PT0S", 0)]
    public void DueAcceptsIsoDurationsOfFixedLength(string due, int minutes)
    {
        var definition = Minimal.Valid(Minimal.With(("due: PT4H", $"due: {due}")));

        Assert.Equal(TimeSpan.FromMinutes(minutes), definition.FindStep("report")!.Due);
    }

    [Fact]
    public void ContentHashIsLowercaseSha256OfTheTextWithUnixLineEndings()
    {
        var unix = Minimal.Valid(Minimal.Yaml).ContentHash;
        var windows = Minimal.Valid(Minimal.Yaml.Replace("\n", "\r\n")).ContentHash;
        var changed = Minimal.Valid(Minimal.With(("title: Minimal review", "title: Minimal review!"))).ContentHash;

        Assert.Matches("^[0-9a-f]{64}$", unix);
        Assert.Equal(unix, windows);
        Assert.NotEqual(unix, changed);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Minimal.Yaml))),
            unix);
    }
}
