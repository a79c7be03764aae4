using ReviewWorkflow.Engine.Commands;

namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// The phrases officers read in refusals and in the unmet list. Kept in one place because the web
/// app shows them verbatim and tests assert them: a reworded message is a visible change.
/// </summary>
internal static class Wording
{
    /// <summary>A limit as people read it: 10,000.</summary>
    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(int n, string singular, string plural) =>
        $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? singular : plural)}";

    public static string CandidatesNotDispositioned(int n) => $"{Count(n, "candidate", "candidates")} not dispositioned";

    public static string LinkageCandidatesNotDispositioned(int n) =>
        $"{Count(n, "linkage candidate", "linkage candidates")} not dispositioned";

    /// <summary>The count, then each candidate by reference and when it was found, so a refusal says which death to decide.</summary>
    public static string CandidatesNotDispositioned(CaseFacts facts) =>
        CandidatesNotDispositioned(facts.UndecidedCandidates) + Candidates(facts);

    public static string LinkageCandidatesNotDispositioned(CaseFacts facts) =>
        LinkageCandidatesNotDispositioned(facts.UndecidedCandidates) + Candidates(facts);

    private static string Candidates(CaseFacts facts) =>
        facts.UndecidedCandidateList.Count == 0
            ? ""
            : ": " + string.Join("; ", facts.UndecidedCandidateList.OrderBy(c => c.FoundAt).Select(c => $"{c.Reference} found on {Time(c.FoundAt)}"));

    public static string FamilyItemsOpen(int n) =>
        $"{Count(n, "family information item", "family information items")} open";

    /// <summary>The count, then each open item by reference and giver, so the officer knows whom to answer.</summary>
    public static string FamilyItemsOpen(CaseFacts facts) =>
        facts.OpenFamilyItemList.Count == 0
            ? FamilyItemsOpen(facts.OpenFamilyItems)
            : $"{FamilyItemsOpen(facts.OpenFamilyItems)}: " + string.Join("; ", facts.OpenFamilyItemList.Select(FamilyItem));

    public static string DirectionOpen(OpenDirection d) => $"direction {d.Reference} to {d.Assignee}, due {Time(d.DueAt)}: not answered";

    private static string FamilyItem(OpenFamilyItem item) =>
        $"{item.Reference} from {item.ProvidedBy}, received {Time(item.ReceivedAt)}, due {Time(item.DueAt)}";

    public static string State(StepState state) => state switch
    {
        StepState.Blocked => "blocked",
        StepState.Available => "available",
        StepState.Completed => "completed",
        StepState.Returned => "returned",
        StepState.NotApplicable => "not applicable",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string WithArticle(string role) =>
        (role.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(role[0])) ? "an " : "a ") + role;

    /// <summary>Minutes and an explicit zone: enough to find the record, no room for a local-time misreading.</summary>
    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Choices(IEnumerable<string> choices) => "must be one of: " + string.Join(", ", choices);

    /// <summary>Why a step cannot be acted on now, for a step that is not available.</summary>
    public static string NotActionable(StepStatus status) => status.State switch
    {
        StepState.Blocked => $"{status.Step.Key} is blocked: waits for {string.Join(", ", status.WaitingFor)}",
        StepState.Completed => $"{status.Step.Key} is already completed",
        StepState.NotApplicable => $"{status.Step.Key} does not apply to this case",
        StepState.Returned => $"{status.Step.Key} was returned and must be redone",
        _ => $"{status.Step.Key} is {State(status.State)}",
    };

    /// <summary>
    /// The unmet line for a step that is neither completed nor not applicable. A returned step names
    /// who sent it back and why, so the officer redoing it sees the reason where the gap is listed.
    /// </summary>
    public static string NotDone(WorkflowDefinition definition, StepStatus status) => status switch
    {
        { State: StepState.Returned, Return: { } ret } =>
            $"{status.Step.Key}: returned by {ReturnedBy(definition, ret)} — {(string.IsNullOrWhiteSpace(ret.Note) ? "no reason given" : ret.Note.Trim())}",
        { Lapsed: { } why } => $"{status.Step.Key}: approval lapsed — {why}; it must be signed off again",
        // The case's own supervisor cannot clear a sign-off reserved to a higher role; say whose it is.
        { Step: { Kind: StepKind.SignOff, Role: var role } } when role != Roles.Supervisor && role != Roles.Officer =>
            $"{status.Step.Key}: not completed — needs sign-off by {WithArticle(role)}",
        _ => $"{status.Step.Key}: not completed",
    };

    private static string ReturnedBy(WorkflowDefinition definition, StepActivity ret)
    {
        if (ret.Fields.TryGetValue(CaseEventActivities.ReturnedByField, out var value) && value is TextValue { Value: var key } && key.Length > 0)
            return key;
        // Older records without the field: the sign-off that covers the step is the one that returned it.
        return definition.Steps.FirstOrDefault(s => s.Kind == StepKind.SignOff && s.Approves.Contains(ret.StepKey))?.Key
            ?? "a sign-off";
    }
}
