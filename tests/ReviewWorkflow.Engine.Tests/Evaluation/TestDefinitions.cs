using ReviewWorkflow.Engine.Definitions;
using static ReviewWorkflow.Engine.Definitions.FieldType;
using static ReviewWorkflow.Engine.Definitions.StepKind;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>
/// Definitions built straight from the records, so these tests do not depend on the YAML parser.
/// <see cref="UnexplainedDeath"/> mirrors workflows/unexplained-death/v1.yaml step for step.
/// </summary>
public static class TestDefinitions
{
    public static readonly IReadOnlyList<EscalationRung> DefaultLadder =
    [
        new(1, TimeSpan.Zero, "assignee"),
        new(2, TimeSpan.FromHours(12), "supervisor"),
        new(3, TimeSpan.FromHours(48), "inspector"),
    ];

    public static readonly string[] Reviewed =
    [
        "initial-report", "intelligence-checks", "linkage-check", "family-notification", "family-information",
        "forensic-documents", "digital-devices", "post-mortem-toxicology", "homicide-referral",
    ];

    private static readonly string[] RequiredForCleared =
    [
        "initial-report", "intelligence-checks", "linkage-check", "family-notification", "family-information",
        "forensic-documents", "digital-devices", "post-mortem-toxicology", "supervisor-review", "referral-decline-review",
    ];

    public static WorkflowDefinition UnexplainedDeath() => Workflow(
        Step("initial-report", due: Hours(4), fields:
        [
            Field("discoveredAt", FieldType.DateTime), Field("address", Text), Field("foundBy", Person), Field("reportedBy", Person),
            Field("attendingOfficers", List), Field("scenePreserved", Bool), Field("phonePresent", Bool), Field("noteFound", Bool),
        ]),
        Step("intelligence-checks", due: Hours(24), after: ["initial-report"], fields:
        [
            Field("personsChecked", List), Field("systemsSearched", List), Field("results", Text, minLength: 10),
        ]),
        Step("linkage-check", StepKind.Linkage, due: Hours(24), after: ["initial-report"]),
        Step("family-notification", due: Hours(24), fields:
        [
            Field("nextOfKin", Person), Field("toldAt", FieldType.DateTime), Field("toldBy", Text),
            Field("how", Choice, choices: ["in-person", "phone", "other"]), Field("liaisonContact", User),
        ]),
        Step("family-information", FamilyInformation, due: Hours(72)),
        Step("forensic-documents", due: Days(7), after: ["initial-report"],
            when: Or(Truthy("initial-report.noteFound"), Contains("case.markers", "note-found")),
            fields: [Field("handwritingComparison", Text), Field("forensicSubmission", Text)]),
        Step("digital-devices", due: Days(7), after: ["initial-report"], fields:
        [
            Field("devices", List), Field("decisions", Text, minLength: 20),
        ]),
        Step("post-mortem-toxicology", due: Days(7), after: ["initial-report"], fields:
        [
            Field("causeOfDeath", Text), Field("substancesFound", List, required: false), Field("resultsReceivedAt", FieldType.DateTime),
        ]),
        Step("homicide-referral", Decision, decides: DecisionPurpose.Referral, due: Hours(24), after: ["initial-report"],
            when: Or(Truthy("case.linked"), EqualTo("case.classification", "homicide"), Truthy("case.referralRequested")),
            fields:
            [
                Field("referredTo", Text), Field("referredAt", FieldType.DateTime), Field("outcome", Choice, choices: ["accepted", "declined"]),
                Field("owner", Text), Field("reasons", Text, required: false),
            ]),
        Step("supervisor-review", SignOff, role: "supervisor", due: Hours(72), approves: Reviewed),
        Step("referral-decline-review", SignOff, role: "inspector", due: Hours(72), approves: ["homicide-referral"],
            when: EqualTo("homicide-referral.outcome", "declined")),
        Step("classification", Decision, decides: DecisionPurpose.Classification, after: ["initial-report"],
            initialCategory: "under-investigation", rationaleMinLength: 30, categories:
            [
                new("expected", "Expected (medical diagnosis)", RequiredForCleared, true),
                new("not-suspicious", "Unexpected – investigated, not suspicious", RequiredForCleared, true),
                new("under-investigation", "Unexpected – under investigation", [], false),
                new("homicide", "Homicide (third party likely)", [], false),
            ]),
        Step("classification-review", SignOff, role: "supervisor", due: Hours(72), approves: ["classification"],
            when: Or(EqualTo("case.classification", "not-suspicious"), EqualTo("case.classification", "expected"))),
        Step("classification-inspector-review", SignOff, role: "inspector", due: Hours(72), approves: ["classification"],
            when: Or([.. new[] { "not-suspicious", "expected" }.SelectMany(category => new Condition[]
            {
                And(EqualTo("case.classification", category), Truthy("case.linked")),
                And(EqualTo("case.classification", category), EqualTo("homicide-referral.outcome", "accepted")),
                And(EqualTo("case.classification", category), EqualTo("homicide-referral.outcome", "declined")),
                And(EqualTo("case.classification", category), Contains("case.classificationHistory", "homicide")),
            })])),
        Step("closure", Decision, decides: DecisionPurpose.Closure,
            after: ["classification", "supervisor-review", "referral-decline-review", "classification-review", "classification-inspector-review",
                "linkage-check", "family-information"]));

    public static WorkflowDefinition Workflow(params StepDefinition[] steps) =>
        new("unexplained-death", 1, "Unexplained death review", ["officer", "supervisor", "inspector"], DefaultLadder, steps, "test");

    public static StepDefinition Step(
        string key, StepKind kind = StepKind.Task, string role = "officer", TimeSpan? due = null, string[]? after = null,
        Condition? when = null, FieldDefinition[]? fields = null, string[]? approves = null,
        DecisionPurpose decides = DecisionPurpose.None, CategoryDefinition[]? categories = null,
        string? initialCategory = null, int rationaleMinLength = 0, IReadOnlyList<EscalationRung>? escalation = null) =>
        new(key, key, kind, role, due, after ?? [], when, fields ?? [], approves ?? [], decides, categories ?? [],
            initialCategory, rationaleMinLength, null, escalation, 0);

    public static FieldDefinition Field(string key, FieldType type, bool required = true, int minLength = 0, string[]? choices = null) =>
        new(key, key, type, required, choices ?? [], minLength);

    public static TimeSpan Hours(double h) => TimeSpan.FromHours(h);

    public static TimeSpan Days(double d) => TimeSpan.FromDays(d);

    public static FieldReference Ref(string text)
    {
        var dot = text.IndexOf('.');
        return new FieldReference(text[..dot], text[(dot + 1)..]);
    }

    public static TruthyCondition Truthy(string reference) => new(reference, Ref(reference));

    public static EqualsCondition EqualTo(string reference, string value) => new($"{reference} == {value}", Ref(reference), value, false);

    public static EqualsCondition NotEqualTo(string reference, string value) => new($"{reference} != {value}", Ref(reference), value, true);

    public static ContainsCondition Contains(string reference, string value) => new($"{reference} contains {value}", Ref(reference), value);

    public static AnyCondition Or(params Condition[] terms) => new(string.Join(" or ", terms.Select(t => t.Text)), terms);

    public static AllCondition And(params Condition[] terms) => new(string.Join(" and ", terms.Select(t => t.Text)), terms);
}
