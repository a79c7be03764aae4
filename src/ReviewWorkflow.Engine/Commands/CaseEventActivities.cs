namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// How accepted events become the step activities the evaluator reads back. The application stores
/// these; keeping the mapping here means the engine, not each caller, decides what a return means.
/// </summary>
public static class CaseEventActivities
{
    /// <summary>Field on a <c>Returned</c> activity naming the sign-off step that returned it.</summary>
    public const string ReturnedByField = "returnedBy";

    /// <summary>
    /// <see cref="StepCompleted"/> → one <c>Completed</c> activity; <see cref="StepsReturned"/> → one
    /// <c>Returned</c> activity per step (note: the reason); <see cref="ReferralRequested"/> → one
    /// <c>Requested</c> activity on the referral step (note: the rationale). Classification and closure change the
    /// case itself (<see cref="CaseState.Classification"/>, <see cref="CaseState.Closed"/>), not a step.
    /// </summary>
    public static IReadOnlyList<StepActivity> ToActivities(this CaseEvent caseEvent) => caseEvent switch
    {
        StepCompleted c => [new StepActivity(c.StepKey, ActivityKind.Completed, c.ActorId, c.At, c.Fields, c.Note)],
        StepContributed c => [new StepActivity(c.StepKey, ActivityKind.Contributed, c.ActorId, c.At, c.Fields, c.Note)],
        StepPauseChanged p => [new StepActivity(p.StepKey, p.Kind, p.ActorId, p.At, p.Fields, p.Note)],
        // Recorded on the referral step so its deadline can run from the request (Deadlines).
        ReferralRequested q => [new StepActivity(q.StepKey, ActivityKind.Requested, q.ActorId, q.At, new Dictionary<string, FieldValue>(), q.Rationale)],
        StepsReturned r => r.Steps
            .Select(step => new StepActivity(step, ActivityKind.Returned, r.ActorId, r.At,
                new Dictionary<string, FieldValue> { [ReturnedByField] = new TextValue(r.SignOffStepKey) }, r.Reason))
            .ToList(),
        _ => [],
    };
}
