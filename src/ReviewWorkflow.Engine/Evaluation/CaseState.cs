namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// Everything the engine needs to know about one case, as stored by the application.
/// <see cref="Activities"/> are oldest first.
/// </summary>
public sealed record CaseState(
    DateTimeOffset OpenedAt,
    bool Closed,
    string Classification,
    IReadOnlyList<StepActivity> Activities,
    CaseFacts Facts);

/// <summary>
/// Facts the application derives from its own records (linkage candidates, register items).
/// <see cref="OpenFamilyItemList"/> names the open items counted by <see cref="OpenFamilyItems"/>, so
/// refusals and the checklist can say which item is waiting (F9: a family's information was not heard).
/// </summary>
public sealed record CaseFacts(
    IReadOnlyCollection<string> Markers,
    IReadOnlyCollection<string> Substances,
    int UndecidedCandidates,
    int LinkedCandidates,
    int OpenFamilyItems,
    bool ReferralRequested)
{
    public static CaseFacts None { get; } = new([], [], 0, 0, 0, false);

    public IReadOnlyList<OpenFamilyItem> OpenFamilyItemList { get; init; } = [];

    /// <summary>
    /// The undecided candidates counted by <see cref="UndecidedCandidates"/>, each with when it was
    /// found: a candidate found after the linkage step was completed reopens it (F8: later deaths
    /// pointed back to earlier ones already "dealt with"), and refusals name it.
    /// </summary>
    public IReadOnlyList<PendingCandidate> UndecidedCandidateList { get; init; } = [];

    /// <summary>
    /// A supervisor's directions on the case not yet answered: each is work someone was told to do,
    /// and a case closed over one would close over an instruction nobody carried out (F6).
    /// </summary>
    public IReadOnlyList<OpenDirection> OpenDirections { get; init; } = [];

    /// <summary>
    /// Who holds each step that belongs to a person (the case officer's steps, or a step reassigned
    /// to someone), by step key: four-eyes bars the holder of work from approving it, done or not.
    /// </summary>
    public IReadOnlyDictionary<string, string> Assignees { get; init; } = new Dictionary<string, string>();
}

/// <summary>An open direction as the checklist names it: its reference, to whom it was given and by when.</summary>
public sealed record OpenDirection(string Reference, string Assignee, DateTimeOffset DueAt);

/// <summary>An undecided linkage candidate: the other death's reference and when it became a candidate.</summary>
public sealed record PendingCandidate(string Reference, DateTimeOffset FoundAt);

/// <summary>An open family-information item as the checklist names it: its short reference and who gave it.</summary>
public sealed record OpenFamilyItem(string Reference, string ProvidedBy, DateTimeOffset ReceivedAt, DateTimeOffset DueAt);

/// <summary>
/// What happened to a step. <c>Completed</c>: done (fields hold the answers; for a sign-off the
/// decision and rationale). <c>Returned</c>: sent back by a sign-off (Note holds the reason).
/// <c>Contributed</c>: work inside a step that is not its completion (a linkage disposition, a
/// family-information action) — it counts for four-eyes. <c>Requested</c>: someone asked for the
/// step (a supervisor requested a homicide referral): it applies, and its deadline runs, from then;
/// it is no work on the step, so it does not count for four-eyes. <c>FactsAdded</c>: facts learnt
/// later (<see cref="FactsAdded"/>), on no step: conditions on them hold from then.
/// <c>Introduced</c>: the step came into the case's workflow when the case moved to a new version
/// (<see cref="Commands.WorkflowMigration"/>): nobody could do it before, so its deadline runs from then.
/// <c>PauseRequested</c>, <c>PauseDecided</c>, <c>PauseEnded</c>: a step waiting on others is paused (<see cref="Commands.Pauses"/>).
/// </summary>
public sealed record StepActivity(
    string StepKey,
    ActivityKind Kind,
    string ActorId,
    DateTimeOffset At,
    IReadOnlyDictionary<string, FieldValue> Fields,
    string? Note);

public enum ActivityKind { Completed, Returned, Contributed, Requested, FactsAdded, Introduced, PauseRequested, PauseDecided, PauseEnded }

/// <summary>Who acts. Role is the user's one role: officer, supervisor, inspector or admin.</summary>
public sealed record Actor(string Id, string DisplayName, string Role);
