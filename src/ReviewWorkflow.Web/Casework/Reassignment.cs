using ReviewWorkflow.Engine.Commands;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.Casework;

/// <summary>The case's officer, or one open step (<c>stepKey</c>) or family item (<c>itemId</c>), to another caseworker of the team.</summary>
public sealed record AssignmentRequest(string? Officer, string? StepKey, long? ItemId, string? Reason);

/// <summary>What was reassigned, from whom to whom.</summary>
public sealed record AssignmentDto(string What, string FromId, string ToId, string ToName, string Reason);

/// <summary>
/// A supervisor or inspector gives a case's work to someone else of its team, with a reason: the case
/// itself (its officer, and with it every officer step not reassigned on its own), one open step, or
/// one open family-information item. Saved with the case (its row is the concurrency token) and
/// audited; My work, escalation and four-eyes follow the new holder from then.
/// </summary>
public sealed class Reassignment(CaseProcedure cases, ReviewDb db)
{
    public async Task<Filed<AssignmentDto>> RunAsync(CaseContext context, AssignmentRequest request, CurrentUser user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) errors["reason"] = ["required"];
        else if (request.Reason!.Length > CaseLimits.Rationale) errors["reason"] = [$"at most {CaseLimits.Rationale} characters"];
        if (string.IsNullOrWhiteSpace(request.Officer)) errors["officer"] = ["required"];
        if (request.StepKey is not null && request.ItemId is not null) errors["itemId"] = ["give a stepKey or an itemId, not both"];
        if (errors.Count > 0) return CaseRefused.Invalid(errors);
        if (!Roles.Satisfies(user.Role, Roles.Supervisor))
            return CaseRefused.Because(RefusalKind.Forbidden, "only a supervisor or inspector may reassign work");

        var c = context.Case;
        // Work given to someone who cannot see the case, or can no longer sign in, would silently stop.
        var to = await TeamUsers.FindAsync(db, c.Team, request.Officer!, ct);
        if (to is null || to.Deactivated) return CaseRefused.Invalid("officer", CaseLog.NotAnActiveCaseworker);

        AssignmentDto done;
        if (request.StepKey is { } key)
        {
            var step = context.Definition.FindStep(key);
            var row = c.Steps.FirstOrDefault(s => s.Key == key);
            if (step is null || row is null) return CaseRefused.Because(RefusalKind.NotFound, $"no step '{key}' on this case");
            if (row.State is not (StepState.Blocked or StepState.Available or StepState.Returned))
                return CaseRefused.Because(RefusalKind.Conflict, $"step '{key}' is {row.State.ToString().ToLowerInvariant()}: only open work is reassigned");
            if (!Roles.Satisfies(to.Role, step.Role)) return CaseRefused.Invalid("officer", $"step '{key}' is {step.Role} work; {to.DisplayName} is {to.Role}");
            if (row.AssigneeId == to.Id) return CaseRefused.Because(RefusalKind.Conflict, $"step '{key}' is already {to.DisplayName}'s");
            done = new($"step {key}", row.AssigneeId ?? step.Role, to.Id, to.DisplayName, reason!);
            row.AssignedTo = to.Id;
        }
        else if (request.ItemId is { } itemId)
        {
            var item = await db.FamilyInformationItems.FirstOrDefaultAsync(i => i.CaseId == c.Id && i.Id == itemId, ct);
            if (item is null) return CaseRefused.Because(RefusalKind.NotFound, $"no family information item {itemId} on this case");
            if (item.State != FamilyItemState.Open) return CaseRefused.Because(RefusalKind.Conflict, $"{item.Reference} is answered: only open work is reassigned");
            if (item.AssigneeId == to.Id) return CaseRefused.Because(RefusalKind.Conflict, $"{item.Reference} is already {to.DisplayName}'s");
            done = new($"family information item {item.Reference}", item.AssigneeId, to.Id, to.DisplayName, reason!);
            item.AssigneeId = to.Id;
        }
        else
        {
            if (c.OfficerId == to.Id) return CaseRefused.Because(RefusalKind.Conflict, $"{to.DisplayName} is already the case officer");
            done = new("case officer", c.OfficerId, to.Id, to.DisplayName, reason!);
            c.OfficerId = to.Id;
        }
        var outcome = await cases.SaveAsync(context, user, "case.reassigned",
            new { what = done.What, from = done.FromId, to = done.ToId, reason = done.Reason }, [], cases.Now(), ct);
        return new(outcome, outcome is CaseDone ? done : null);
    }
}
