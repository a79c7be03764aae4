using System.Text.Json;
using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Tests;

namespace ReviewWorkflow.Engine.Tests.Evaluation;

/// <summary>
/// A case under test: its history, built by hand or by applying accepted commands, at fixed times.
/// </summary>
public sealed class TestCase
{
    /// <summary>Opening time of every test case; all other times are offsets from it.</summary>
    public static readonly DateTimeOffset Opened = new(2024, 6, 1, 3, 30, 0, TimeSpan.Zero);

    public static readonly Actor Officer = new("officer-1", "Olive Officer", Roles.Officer);
    public static readonly Actor OtherOfficer = new("officer-2", "Oscar Officer", Roles.Officer);
    public static readonly Actor Supervisor = new("supervisor-1", "Sam Supervisor", Roles.Supervisor);
    public static readonly Actor OtherSupervisor = new("supervisor-2", "Sue Supervisor", Roles.Supervisor);
    public static readonly Actor Inspector = new("inspector-1", "Ian Inspector", Roles.Inspector);
    public static readonly Actor Admin = new("admin-1", "Ada Admin", Roles.Admin);

    public WorkflowDefinition Definition { get; }
    private readonly List<StepActivity> _activities = [];
    private CaseFacts _facts = CaseFacts.None;
    private bool _closed;
    private string _classification = "under-investigation";

    public TestCase(WorkflowDefinition? definition = null) => Definition = definition ?? TestDefinitions.UnexplainedDeath();

    public static DateTimeOffset At(double hoursAfterOpening) => Opened + TimeSpan.FromHours(hoursAfterOpening);

    public CaseState State => new(Opened, _closed, _classification, [.. _activities], _facts);

    public CaseEvaluation Evaluate() => CaseEvaluator.Evaluate(Definition, State);

    public StepStatus Status(string stepKey) => Evaluate()[stepKey] ?? throw new ArgumentException($"no step {stepKey}");

    public TestCase Completed(string stepKey, Actor? by = null, double atHours = 1, IReadOnlyDictionary<string, FieldValue>? fields = null) =>
        Add(new StepActivity(stepKey, ActivityKind.Completed, (by ?? Officer).Id, At(atHours), fields ?? new Dictionary<string, FieldValue>(), null));

    public TestCase Returned(string stepKey, string reason, Actor? by = null, double atHours = 2, string signOff = "supervisor-review") =>
        Add(new StepActivity(stepKey, ActivityKind.Returned, (by ?? Supervisor).Id, At(atHours),
            new Dictionary<string, FieldValue> { [CaseEventActivities.ReturnedByField] = new TextValue(signOff) }, reason));

    public TestCase Contributed(string stepKey, string note, Actor? by = null, double atHours = 1) =>
        Add(new StepActivity(stepKey, ActivityKind.Contributed, (by ?? Officer).Id, At(atHours), new Dictionary<string, FieldValue>(), note));

    public TestCase Add(StepActivity activity)
    {
        _activities.Add(activity);
        return this;
    }

    public TestCase WithFacts(Func<CaseFacts, CaseFacts> change)
    {
        _facts = change(_facts);
        return this;
    }

    public TestCase ClassifiedAs(string category)
    {
        _classification = category;
        return this;
    }

    public TestCase MarkClosed()
    {
        _closed = true;
        return this;
    }

    /// <summary>Records what an accepted command decided, as the application would.</summary>
    public TestCase Apply(CommandOutcome outcome)
    {
        var accepted = Assert.IsType<Accepted>(outcome);
        foreach (var caseEvent in accepted.Events)
        {
            _activities.AddRange(caseEvent.ToActivities());
            if (caseEvent is CaseClassified classified) _classification = classified.To;
            if (caseEvent is CaseClosed) _closed = true;
            if (caseEvent is ReferralRequested) _facts = _facts with { ReferralRequested = true };
        }
        return this;
    }

    /// <summary>Every work step that applies to every case done by <paramref name="by"/>, through the real command.</summary>
    public TestCase AllWorkDone(Actor? by = null, double atHours = 5)
    {
        foreach (var step in DefaultWorkflow.UnconditionalWorkSteps)
        {
            Apply(Procedure.Complete(Definition, State, step, ValidInput.For(step), null, by ?? Officer, At(atHours)));
        }
        return this;
    }

    public TestCase Approved(Actor? by = null, double atHours = 6) =>
        Apply(Procedure.SignOff(Definition, State, "supervisor-review", "approve", "Work checked; complete and proportionate.", [],
            by ?? Supervisor, At(atHours)));

    public TestCase Classified(string category = "not-suspicious", Actor? by = null, double atHours = 7) =>
        Apply(Procedure.Classify(Definition, State, category, ValidInput.ClassificationRationale, by ?? Officer, At(atHours)));

    /// <summary>A supervisor (or, with <paramref name="step"/>, an inspector) approves the classification (F7).</summary>
    public TestCase ClassificationApproved(Actor? by = null, double atHours = 8, string step = "classification-review") =>
        Apply(Procedure.SignOff(Definition, State, step, "approve", "Classification checked against the evidence.", [],
            by ?? Supervisor, At(atHours)));

    /// <summary>Ready to close: all work done, approved by a supervisor who did none of it, classified, the classification approved.</summary>
    public static TestCase ReadyToClose() => new TestCase().AllWorkDone().Approved().Classified().ClassificationApproved();
}

/// <summary>Valid client input for each step of the default workflow.</summary>
public static class ValidInput
{
    public const string ClassificationRationale = "Toxicology shows a therapeutic dose only; no third party involvement found.";

    public static IReadOnlyDictionary<string, JsonElement> For(string stepKey) => Json(stepKey switch
    {
        "initial-report" => """
            {"discoveredAt":"2024-06-01T02:50:00Z","address":"Churchyard, Barking","foundBy":{"name":"A Walker"},
             "reportedBy":{"name":"Anonymous caller","phone":"07700900123"},"attendingOfficers":["PC 123 Smith"],
             "scenePreserved":true,"phonePresent":false,"noteFound":false}
            """,
        "intelligence-checks" => """{"personsChecked":["A Walker"],"systemsSearched":["PNC","PND"],"results":"No trace on either system."}""",
        "family-notification" => """
            {"nextOfKin":{"name":"J Doe","role":"sister"},"toldAt":"2024-06-01T10:00:00+01:00","toldBy":"PC 123 Smith",
             "how":"in-person","liaisonContact":"DC Jones"}
            """,
        "forensic-documents" => """{"handwritingComparison":"Not the deceased's hand","forensicSubmission":"LAB-1: DNA profile obtained"}""",
        "digital-devices" => """{"devices":["deceased's phone"],"decisions":"Phone missing; laptop examined by the digital unit."}""",
        "post-mortem-toxicology" => """{"causeOfDeath":"GHB toxicity","substancesFound":["GHB"],"resultsReceivedAt":"2024-06-05T12:00:00Z"}""",
        "homicide-referral" => """{"referredTo":"MIT","referredAt":"2024-06-02T09:00:00Z","outcome":"accepted","owner":"DCI Green"}""",
        "homicide-referral-declined" => """
            {"referredTo":"MIT","referredAt":"2024-06-02T09:00:00Z","outcome":"declined","owner":"DS Brown, East CID",
             "reasons":"No third party indicated by the scene or the post-mortem so far."}
            """,
        _ => "{}",
    });

    public static IReadOnlyDictionary<string, JsonElement> Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
