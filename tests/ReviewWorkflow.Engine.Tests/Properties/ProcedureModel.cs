using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Engine.Definitions;
using ReviewWorkflow.Engine.Evaluation;
using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Engine.Tests.Evaluation;

namespace ReviewWorkflow.Engine.Tests.Properties;

/// <summary>
/// One command of a random run. Indices pick among what the current state offers (the available
/// steps, the undecided candidates), so a run makes progress and still shrinks to a short one.
/// </summary>
public abstract record Command(int Case);

public sealed record CompleteStep(int Case, int Pick, int Actor, bool Declined) : Command(Case);
public sealed record LogItem(int Case) : Command(Case);
public sealed record ActionItem(int Case, int Actor, bool Answer) : Command(Case);
public sealed record CandidateArrives(int Case, int Other) : Command(Case);
public sealed record Disposition(int Case, int Pick, bool Linked, int Actor) : Command(Case);
public sealed record SignOff(int Case, int Pick, bool Approve, int Actor) : Command(Case);
public sealed record Classify(int Case, int Category, int Actor) : Command(Case);
public sealed record Close(int Case, int Actor) : Command(Case);
public sealed record PatchFacts(int Case, bool RequestReferral, int Actor) : Command(Case);

/// <summary>A case as the application would hold it: its activities and the facts other features keep.</summary>
public sealed class CaseModel(string reference)
{
    public string Reference { get; } = reference;
    public List<StepActivity> Activities { get; } = [];
    public List<(string Reference, DateTimeOffset FoundAt, string? Decision)> Candidates { get; } = [];
    public List<DateTimeOffset> OpenItems { get; } = [];
    public List<string> Markers { get; } = [];
    public string Classification { get; set; } = "under-investigation";
    public bool ReferralRequested { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>What the case was when it closed: linked, referred (an outcome in force), once a homicide.</summary>
    public (bool Linked, bool Referred)? AtClosure { get; set; }

    public CaseFacts Facts => new(Markers, [], Candidates.Count(c => c.Decision is null), Candidates.Count(c => c.Decision == LinkageDisposition.Linked),
        OpenItems.Count, ReferralRequested)
    {
        UndecidedCandidateList = [.. Candidates.Where(c => c.Decision is null).Select(c => new PendingCandidate(c.Reference, c.FoundAt))],
        OpenFamilyItemList = [.. OpenItems.Select((at, i) => new OpenFamilyItem($"FI-{i + 1}", "a friend", at, at.AddHours(72)))],
    };

    public CaseState State => new(TestCase.Opened, ClosedAt is not null, Classification, [.. Activities], Facts);
}

/// <summary>Runs commands against two or three cases through the engine, recording what it accepts as the application does.</summary>
public sealed class ProcedureModel
{
    public static readonly Actor[] Actors =
        [TestCase.Officer, TestCase.OtherOfficer, TestCase.Supervisor, TestCase.OtherSupervisor, TestCase.Inspector];

    public static readonly string[] Categories = ["expected", "not-suspicious", "under-investigation", "homicide"];

    private const string Rationale = "Checked against every record we hold on this death.";

    public WorkflowDefinition Definition { get; }
    public IReadOnlyList<CaseModel> Cases { get; }
    public DateTimeOffset Now { get; private set; } = TestCase.Opened;

    public ProcedureModel(WorkflowDefinition definition, int cases)
    {
        Definition = definition;
        Cases = [.. Enumerable.Range(1, cases).Select(i => new CaseModel($"RW-2024-{i:000000}"))];
    }

    public void Run(Command command)
    {
        Now = Now.AddMinutes(30);
        var m = Cases[command.Case % Cases.Count];
        CaseEvaluation Evaluate() => CaseEvaluator.Evaluate(Definition, m.State);
        switch (command)
        {
            case CompleteStep c:
                var open = Evaluate().Steps.Where(s => s.State is StepState.Available or StepState.Returned)
                    .Where(s => s.Step.Kind is not StepKind.SignOff && s.Step.Decides is DecisionPurpose.None or DecisionPurpose.Referral)
                    // A register with work waiting cannot be completed; that work has commands of its own.
                    .Where(s => !(s.Step.Kind == StepKind.Linkage && m.Facts.UndecidedCandidates > 0))
                    .Where(s => !(s.Step.Kind == StepKind.FamilyInformation && m.OpenItems.Count > 0))
                    .ToList();
                if (open.Count == 0) return;
                var step = open[c.Pick % open.Count].Step.Key;
                var input = Inputs[step == "homicide-referral" && c.Declined ? "homicide-referral-declined" : step];
                Apply(m, Procedure.Complete(Definition, m.State, step, input, null, ActorOf(c.Actor), Now));
                break;
            case LogItem:
                m.OpenItems.Add(Now);
                break;
            case ActionItem a when m.OpenItems.Count > 0:
                // Family-information work is recorded as a contribution to the register step (it counts for four-eyes and lapses).
                m.Activities.Add(new StepActivity("family-information", ActivityKind.Contributed, ActorOf(a.Actor).Id, Now,
                    new Dictionary<string, FieldValue>(), a.Answer ? "answered FI-1" : "actioned FI-1"));
                if (a.Answer) m.OpenItems.RemoveAt(0);
                break;
            case CandidateArrives c:
                var other = Cases[c.Other % Cases.Count];
                if (other == m || m.Candidates.Any(x => x.Reference == other.Reference)) return;
                // The linkage check works both ways: each death becomes a candidate of the other in one transaction.
                m.Candidates.Add((other.Reference, Now, null));
                other.Candidates.Add((m.Reference, Now, null));
                break;
            case Disposition d:
                var undecided = m.Candidates.Select((x, i) => (x, i)).Where(p => p.x.Decision is null).ToList();
                if (undecided.Count == 0) return;
                var (candidate, index) = undecided[d.Pick % undecided.Count];
                var decision = d.Linked ? LinkageDisposition.Linked : LinkageDisposition.NotLinked;
                if (Apply(m, LinkageDisposition.Decide(Definition, m.State, new CandidateView(candidate.Reference, null), decision, Rationale, ActorOf(d.Actor), Now)))
                    m.Candidates[index] = candidate with { Decision = decision };
                break;
            case SignOff s:
                var evaluation = Evaluate();
                var signOffs = evaluation.Steps.Where(x => x.Step.Kind == StepKind.SignOff && x.State is StepState.Available or StepState.Returned).ToList();
                if (signOffs.Count == 0) return;
                var signOff = signOffs[s.Pick % signOffs.Count].Step;
                var done = signOff.Approves.Where(k => evaluation[k]?.State == StepState.Completed).ToList();
                var returned = s.Approve || done.Count == 0 ? [] : new[] { done[s.Pick % done.Count] };
                Apply(m, Procedure.SignOff(Definition, m.State, signOff.Key, s.Approve || returned.Length == 0 ? "approve" : "return", Rationale, returned, ActorOf(s.Actor), Now));
                break;
            case Classify k:
                Apply(m, Procedure.Classify(Definition, m.State, Categories[k.Category % Categories.Length], Rationale, ActorOf(k.Actor), Now));
                break;
            case Close c:
                var referred = Evaluate()["homicide-referral"]?.Completion is not null;
                if (Apply(m, Procedure.Close(Definition, m.State, Rationale, ActorOf(c.Actor), Now)))
                    m.AtClosure = (m.Facts.LinkedCandidates > 0, referred);
                break;
            case PatchFacts p when p.RequestReferral:
                Apply(m, Procedure.RequestReferral(Definition, m.State, Rationale, ActorOf(p.Actor), Now));
                break;
            case PatchFacts:
                if (!m.Markers.Contains("note-found")) m.Markers.Add("note-found");
                break;
        }
    }

    // Parsed once: the runs complete steps hundreds of thousands of times.
    private static readonly Dictionary<string, IReadOnlyDictionary<string, System.Text.Json.JsonElement>> Inputs =
        new[] { "initial-report", "intelligence-checks", "linkage-check", "family-notification", "family-information", "forensic-documents",
            "digital-devices", "post-mortem-toxicology", "homicide-referral", "homicide-referral-declined" }
            .ToDictionary(k => k, ValidInput.For);

    private static Actor ActorOf(int index) => Actors[index % Actors.Length];

    /// <summary>Outcomes by command and reason, so a run can show that it exercises the procedure rather than being refused throughout.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Tally = new();

    private bool Apply(CaseModel m, CommandOutcome outcome, [System.Runtime.CompilerServices.CallerLineNumber] int line = 0)
    {
        Tally.AddOrUpdate(outcome is Refused r ? $"refused:{line}:{r.Reasons.FirstOrDefault()?.Split(':')[0]}" : $"accepted:{line}", 1, (_, n) => n + 1);
        if (outcome is not Accepted accepted) return false;
        foreach (var e in accepted.Events)
        {
            m.Activities.AddRange(e.ToActivities());
            switch (e)
            {
                case CaseClassified k: m.Classification = k.To; break;
                case CaseClosed: m.ClosedAt = Now; break;
                case ReferralRequested: m.ReferralRequested = true; break;
            }
        }
        return true;
    }
}
