namespace ReviewWorkflow.Engine.Evaluation;

/// <summary>
/// Works out each step's state once. A step's state depends on the states of the steps it waits
/// for, which may come later in the file, so states are resolved on demand and remembered.
/// </summary>
internal sealed class StepStateResolver(
    WorkflowDefinition definition, CaseState state, IReadOnlyDictionary<string, StepHistory> histories)
{
    private readonly Dictionary<string, StepStatus> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);
    private readonly StepLookup _steps = StepLookup.Of(definition);

    public StepStatus Status(StepDefinition step)
    {
        if (_resolved.TryGetValue(step.Key, out var known)) return known;
        if (!_resolving.Add(step.Key))
        {
            // Only reachable with a cyclic definition, which the parser refuses; never loop on one.
            return new StepStatus(step, StepState.Blocked, null, null, null, ["a dependency cycle"]);
        }
        var status = Resolve(step);
        _resolving.Remove(step.Key);
        _resolved[step.Key] = status;
        return status;
    }

    private StepStatus Resolve(StepDefinition step)
    {
        var history = histories.GetValueOrDefault(step.Key) ?? new StepHistory(null, null);
        var isClosure = step.Decides == DecisionPurpose.Closure;
        // The closure step's record is the case's Closed flag: a stray completion must not read as closed.
        var completion = isClosure && !state.Closed ? null : history.Completion;
        var lapsed = completion is not null && step.Kind == StepKind.SignOff && !state.Closed
            ? ApprovalLapse.Reason(step, completion, state, key => _steps.Find(key) is { } s ? Status(s) : null)
            : null;
        if (lapsed is not null) completion = null;

        StepStatus With(StepState s, IReadOnlyList<string>? waitingFor = null)
        {
            // A step that does not apply has no deadline, so its condition's start is not needed.
            var whenSince = step.When is { } condition && s != StepState.NotApplicable ? ConditionEvaluator.HoldsSince(condition, state, histories, _steps.Classification?.Key) : null;
            var (since, dueAt) = Deadlines.For(step, s, history, state, whenSince, Prerequisites(step).Select(Status));
            var status = new StepStatus(step, s, dueAt, completion, history.Return, waitingFor ?? [], lapsed) { AppliesSince = since, Pause = history.Pause };
            return status with { EscalationStartsAt = Deadlines.EscalationStart(definition, status, state.Closed) };
        }

        if (isClosure && state.Closed) return With(StepState.Completed);
        if (step.When is { } when && !ConditionEvaluator.Holds(when, state, histories, _steps.Classification?.Key)) return With(StepState.NotApplicable);
        if (completion is not null && step.Kind == StepKind.Linkage && state.Facts.UndecidedCandidates > 0)
            return Reopened(With(StepState.Available), completion, state.Facts);
        if (completion is not null)
            return step.Kind == StepKind.FamilyInformation && state.Facts.OpenFamilyItems > 0 ? With(StepState.Available) : With(StepState.Completed);
        if (history.Return is not null) return With(StepState.Returned);

        var waitingFor = Prerequisites(step)
            .Select(Status)
            .Where(s => s.State is not (StepState.Completed or StepState.NotApplicable))
            .Select(s => s.Reopened is { } why ? $"{s.Step.Key} (reopened: {why})" : $"{s.Step.Key} ({Wording.State(s.State)})")
            .ToList();
        return waitingFor.Count > 0 ? With(StepState.Blocked, waitingFor) : With(StepState.Available);
    }

    /// <summary>A sign-off also waits for everything it approves: a supervisor signs off finished work.</summary>
    private IReadOnlyList<StepDefinition> Prerequisites(StepDefinition step) => _steps.Prerequisites(step);

    /// <summary>
    /// A completed linkage step is open again while a candidate is undecided: one can only be undecided
    /// there if it was found after the completion (completing refuses while any is undecided). It opens
    /// again from the first such arrival; the completion stands again once every candidate is decided,
    /// and the disposition itself is new work that lapses any approval of the step (<see cref="ApprovalLapse"/>).
    /// </summary>
    private static StepStatus Reopened(StepStatus status, StepActivity completion, CaseFacts facts)
    {
        var found = facts.UndecidedCandidateList.OrderBy(c => c.FoundAt).ThenBy(c => c.Reference, StringComparer.Ordinal).ToList();
        var reason = found.Count == 0
            ? Wording.CandidatesNotDispositioned(facts)
            : string.Join("; ", found.Select(c => $"new candidate {c.Reference} found on {Wording.Time(c.FoundAt)}"));
        var since = Deadlines.LinkageReopenedAt(completion, facts) ?? completion.At;
        return status with { Reopened = reason, ReopenedAt = since };
    }

    /// <summary>A register step open again for work received after its completion: its own register lines name that work.</summary>
    public static bool ReopenedByRegister(StepStatus status, CaseFacts facts) =>
        ReopenedByItems(status, facts) || status is { Step.Kind: StepKind.Linkage, State: StepState.Available, Reopened: not null };

    /// <summary>
    /// A family-information register stays open for the life of the case: the officer confirms it once,
    /// and every item received later reopens it until that item is answered. Its completion then stands
    /// again without a fresh confirmation (the confirmation said "nothing else was received").
    /// </summary>
    public static bool ReopenedByItems(StepStatus status, CaseFacts facts) =>
        status is { Step.Kind: StepKind.FamilyInformation, State: StepState.Available, Completion: not null }
        && facts.OpenFamilyItems > 0;
}
