namespace ReviewWorkflow.Engine.Commands;

/// <summary>
/// Decisions are signed off by a supervisor who did not do the work. Any completion or contribution
/// (a linkage disposition, a family-information action) counts, including work since returned and
/// redone by someone else: the approver must not be judging anything of their own. Holding the
/// work counts too (the case officer's steps, or a step reassigned to them): the rule follows the assignee.
/// </summary>
internal static class FourEyes
{
    private const string Rule = "a supervisor who did the work may not approve it";

    public static IReadOnlyList<string> OwnWork(StepDefinition signOff, CaseState state, Actor actor) =>
        state.Activities
            .Where(a => a.ActorId == actor.Id && signOff.Approves.Contains(a.StepKey))
            .Where(a => a.Kind is ActivityKind.Completed or ActivityKind.Contributed)
            .OrderBy(a => a.At)
            .Select(Describe)
            .Concat(signOff.Approves
                .Where(key => state.Facts.Assignees.TryGetValue(key, out var holder) && holder == actor.Id)
                .Select(key => $"{key} is assigned to you; a supervisor who holds the work may not approve it"))
            .Distinct()
            .ToList();

    private static string Describe(StepActivity a) => a.Kind == ActivityKind.Completed
        ? $"you completed {a.StepKey} on {Wording.Time(a.At)}; {Rule}"
        : string.IsNullOrWhiteSpace(a.Note)
            ? $"you contributed to {a.StepKey} on {Wording.Time(a.At)}; {Rule}"
            : $"you {a.Note.Trim()} in {a.StepKey} on {Wording.Time(a.At)}; {Rule}";
}
